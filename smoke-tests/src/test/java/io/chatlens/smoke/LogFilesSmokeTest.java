package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error flood through the real agent: each log class stays under chatlens.log.max-total-size (its oldest rotated
 * files deleted as it rotates), the files are created 0640 in 0750 directories, and a symbolic link in the log
 * directory, named like an expired rotated file, survives with its target untouched.
 */
class LogFilesSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final long MAX_FILE = 64 * 1024;
  private static final long MAX_TOTAL = 256 * 1024;
  private static final Pattern ROTATED = Pattern.compile("chatbot-error\\.\\d{4}-\\d\\d-\\d\\d\\.(\\d+)\\.log(\\.gz)?");

  @TempDir
  Path dir;

  @Test
  void anErrorFloodStaysUnderTheCapInFilesOnlyTheOwnerAndGroupCanRead() throws Exception {
    Path errors = dir.resolve("logs/error");
    Files.createDirectories(errors);
    Path outside = dir.resolve("outside.log");
    Files.writeString(outside, "not a log of the agent\n");
    FileTime outsideTime = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(outside, outsideTime);
    Path link = Files.createSymbolicLink(errors.resolve("chatbot-error.2020-01-01.0.log"), outside);
    Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(outsideTime, null, null);

    AgentJvm app = AgentJvm.main("com.example.probe.flood.ErrorFloodApp").classpath(Paths.testClasses())
        .workingDirectory(dir).exportNowhere().property("chatlens.log.max-file-size", "64KB")
        .property("chatlens.log.max-total-size", "256KB").args("20000");
    try (RunningJvm jvm = app.start()) {
      jvm.awaitStdout("flood done handled=20000", TIMEOUT);
      await().atMost(TIMEOUT).untilAsserted(() -> {
        List<Path> rotated = rotated(errors);
        assertThat(rotated).isNotEmpty();
        assertThat(highestCounter(rotated) + 1).as("more files were rotated than are kept").isGreaterThan(rotated.size());
        assertThat(totalSize(errors)).isLessThanOrEqualTo(MAX_TOTAL);
        assertThat(totalSize(dir.resolve("logs"))).as("the main family").isLessThanOrEqualTo(MAX_TOTAL);
        assertThat(Files.readString(errors.resolve("chatbot-error.log"))).isNotEmpty();
      });
      jvm.closeStdin();
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stderr()).contains("oldest rotated file(s) of " + errors.resolve("chatbot-error.log"))
          .doesNotContain("[chatlens] ERROR");
    }

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(outside)).isEqualTo("not a log of the agent\n");
    assertThat(Files.getLastModifiedTime(outside)).isEqualTo(outsideTime);
    assertThat(dir.resolve("outside.log.gz")).doesNotExist();
    assertThat(mode(dir.resolve("logs/audit"))).isEqualTo("rwxr-x---");
    List<Path> files = regularFiles(dir.resolve("logs"));
    assertThat(files).hasSizeGreaterThan(3);
    for (Path file : files) {
      assertThat(mode(file)).as(file.toString()).isEqualTo("rw-r-----");
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static List<Path> rotated(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .filter(file -> ROTATED.matcher(file.getFileName().toString()).matches()).toList();
    }
  }

  private static int highestCounter(List<Path> rotated) {
    int highest = -1;
    for (Path file : rotated) {
      Matcher matcher = ROTATED.matcher(file.getFileName().toString());
      if (matcher.matches()) {
        highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
      }
    }
    return highest;
  }

  /** The regular files directly in the directory (links not counted). */
  private static long totalSize(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException gone) {
          return 0;
        }
      }).sum();
    }
  }

  private static List<Path> regularFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).toList();
    } catch (UncheckedIOException gone) {
      throw gone.getCause();
    }
  }
}
