package io.chatlens.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.config.ConfigProblem;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.instrumentation.core.ChatEvent;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permissions of what the agent creates, symbolic links never followed, and the total-size cap per class. */
class LogFileSafetyTest {

  @TempDir
  Path root;

  private final MutableClock clock = new MutableClock("2024-03-01T12:00:00Z");
  private final List<String> diagnostics = new ArrayList<>();

  @AfterEach
  void stopCapturing() {
    Diagnostics.setSink(null);
  }

  private void captureDiagnostics() {
    Diagnostics.setSink((level, message) -> {
      synchronized (diagnostics) {
        diagnostics.add(level + " " + message);
      }
    });
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  private static ChatEvent error(int number) {
    return new ChatEvent(Instant.parse("2024-03-01T12:00:00Z").toEpochMilli(), ChatEvent.Level.ERROR, "error_handler",
        "handle", "Captured java.lang.IllegalStateException: failure number " + number + " " + "x".repeat(200),
        Map.of(), null, false);
  }

  /** A rotated file of the given age under the log directory. */
  private Path file(Path logs, String name, Duration age, int bytes) throws IOException {
    Path file = logs.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
    Files.setLastModifiedTime(file, FileTime.from(clock.instant().minus(age)));
    return file;
  }

  @Test
  void filesAndDirectoriesAreCreatedOwnerAndGroupOnlyRotatedAndGzippedFilesIncluded() throws IOException {
    assumeTrue(posix(), "POSIX permissions");
    Path logs = root.resolve("new/logs");
    AgentConfig config = TestEvents.config(logs, "chatlens.log.max-file-size", "1KB", "chatlens.log.compress-after", "1h");
    LogLayout layout = LogLayout.from(config);
    try (LogRouter router = new LogRouter(layout, LogFormat.TEXT, "chatbot", 1024, false, clock)) {
      for (int i = 0; i < 30; i++) {
        router.append(error(i));
      }
    }
    List<Path> rotated = LogRotationTest.rotated(logs.resolve("error"), "chatbot-error");
    assertThat(rotated).isNotEmpty();
    Path toCompress = rotated.get(0);
    Files.setLastModifiedTime(toCompress, FileTime.from(clock.instant().minus(Duration.ofDays(2))));
    clock.advance(Duration.ofDays(2));

    LogHousekeeping.Result result = new LogHousekeeping(layout, clock).runOnce();

    assertThat(mode(root.resolve("new"))).isEqualTo("rwxr-x---");
    assertThat(mode(logs)).isEqualTo("rwxr-x---");
    assertThat(mode(logs.resolve("error"))).isEqualTo("rwxr-x---");
    assertThat(mode(logs.resolve("audit"))).isEqualTo("rwxr-x---");
    assertThat(mode(logs.resolve("chatbot.log"))).isEqualTo("rw-r-----");
    assertThat(mode(logs.resolve("error/chatbot-error.log"))).isEqualTo("rw-r-----");
    for (Path file : rotated.subList(1, rotated.size())) {
      assertThat(mode(file)).as(file.toString()).isEqualTo("rw-r-----");
    }
    assertThat(result.compressed()).contains(toCompress.resolveSibling(toCompress.getFileName() + ".gz"));
    assertThat(mode(toCompress.resolveSibling(toCompress.getFileName() + ".gz"))).isEqualTo("rw-r-----");
  }

  @Test
  void theModesAreConfigurableAndAnExistingDirectoryKeepsItsOwn() throws IOException {
    assumeTrue(posix(), "POSIX permissions");
    Path logs = root.resolve("logs");
    Files.createDirectories(logs);
    Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxr-x"));
    AgentConfig config = TestEvents.config(logs, "chatlens.log.file-mode", "600", "chatlens.log.dir-mode", "0700");
    try (LogRouter router = new LogRouter(LogLayout.from(config), LogFormat.TEXT, "chatbot", 1024, false, clock)) {
      router.append(error(1));
    }

    assertThat(mode(logs)).isEqualTo("rwxrwxr-x");
    assertThat(mode(logs.resolve("error"))).isEqualTo("rwx------");
    assertThat(mode(logs.resolve("error/chatbot-error.log"))).isEqualTo("rw-------");
  }

  @Test
  void aModeThatIsNotOctalOrLocksTheAgentOutIsOneClearError() {
    AgentConfig config = TestEvents.config(root, "chatlens.log.file-mode", "0644x", "chatlens.log.dir-mode", "0640");

    assertThat(config.problems()).extracting(ConfigProblem::render).containsExactly(
        "ERROR system property -Dchatlens.log.file-mode: chatlens.log.file-mode=0644x: is invalid (not an octal mode): "
            + "expected an octal mode such as 0640 (three octal digits after an optional 0, at most 0777) that gives "
            + "the owner at least rw; using the default 0640",
        "ERROR system property -Dchatlens.log.dir-mode: chatlens.log.dir-mode=0640: is invalid (the owner (the agent) "
            + "needs at least rwx): expected an octal mode such as 0750 (three octal digits after an optional 0, at most "
            + "0777) that gives the owner at least rwx; using the default 0750");
    assertThat(PosixFilePermissions.toString(config.get(ConfigKeys.LOG_FILE_MODE))).isEqualTo("rw-r-----");
  }

  @Test
  void housekeepingNeverFollowsALinkAndNeverTouchesAnythingOutsideTheLogDirectory() throws IOException {
    Path logs = root.resolve("logs");
    Path outside = root.resolve("outside");
    Files.createDirectories(outside);
    Path precious = outside.resolve("precious.log");
    Files.writeString(precious, "keep me\n");
    Files.setLastModifiedTime(precious, FileTime.from(clock.instant().minus(Duration.ofDays(5000))));
    FileTime preciousTime = Files.getLastModifiedTime(precious);
    Files.createDirectories(logs.resolve("error"));
    // links named like expired and compressible rotated files, and a family directory that is a link
    Path expiredLink = Files.createSymbolicLink(logs.resolve("chatbot.2020-01-01.0.log"), precious);
    Path compressibleLink = Files.createSymbolicLink(logs.resolve("error/chatbot-error.2024-02-01.0.log"), precious);
    Files.getFileAttributeView(compressibleLink, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(clock.instant().minus(Duration.ofDays(20))), null, null);
    Path outsideDebug = root.resolve("outside-debug");
    Files.createDirectories(outsideDebug);
    Path expiredOutside = file(outsideDebug, "chatbot-debug.2020-01-01.0.log", Duration.ofDays(5000), 10);
    Files.createSymbolicLink(logs.resolve("debug"), outsideDebug);
    Path expired = file(logs, "chatbot.2023-01-01.0.log", Duration.ofDays(400), 10);
    captureDiagnostics();

    LogHousekeeping.Result result = new LogHousekeeping(LogLayout.from(TestEvents.config(logs,
        "chatlens.log.max-total-size", "1KB")), clock).runOnce();

    assertThat(result.deleted()).containsExactly(expired);
    assertThat(result.compressed()).isEmpty();
    assertThat(Files.isSymbolicLink(expiredLink)).isTrue();
    assertThat(Files.isSymbolicLink(compressibleLink)).isTrue();
    assertThat(Files.readString(precious)).isEqualTo("keep me\n");
    assertThat(Files.getLastModifiedTime(precious)).isEqualTo(preciousTime);
    assertThat(expiredOutside).exists();
    assertThat(outside.resolve("precious.log.gz")).doesNotExist();
    assertThat(logs.resolve("error/chatbot-error.2024-02-01.0.log.gz")).doesNotExist();
    synchronized (diagnostics) {
      assertThat(diagnostics).anyMatch(line -> line.contains("skips " + logs.resolve("debug")));
    }
  }

  @Test
  void theWriterRefusesAnActiveFileThatIsALinkAndWritesTheOtherFiles() throws IOException {
    Path logs = root.resolve("logs");
    Path target = root.resolve("elsewhere.txt");
    Files.writeString(target, "untouched\n");
    Files.createDirectories(logs.resolve("error"));
    Files.createSymbolicLink(logs.resolve("error/chatbot-error.log"), target);
    AgentConfig config = TestEvents.config(logs);

    try (LogRouter router = new LogRouter(LogLayout.from(config), LogFormat.TEXT, "chatbot", 1024, false, clock)) {
      router.append(error(1));
      assertThat(router.problems()).singleElement().asString().contains("error/chatbot-error.log")
          .contains("is a symbolic link");
    }

    assertThat(Files.readString(target)).isEqualTo("untouched\n");
    assertThat(Files.readString(logs.resolve("chatbot.log"))).contains("failure number 1");
  }

  @Test
  void anErrorFloodIsCappedPerClassOldestRotatedFilesFirstAtEachRotation() throws IOException {
    Path logs = root.resolve("logs");
    AgentConfig config = TestEvents.config(logs, "chatlens.log.max-file-size", "2KB",
        "chatlens.log.max-total-size", "8KB");
    LogLayout layout = LogLayout.from(config);
    List<LogFileSet> rotatedSets = new ArrayList<>();
    try (LogHousekeeping housekeeping = new LogHousekeeping(layout, clock);
        LogRouter router = new LogRouter(layout, LogFormat.TEXT, "chatbot", 2048, false, clock, set -> {
          rotatedSets.add(set);
          housekeeping.runOnce();
        })) {
      for (int i = 0; i < 400; i++) {
        router.append(error(i));
        router.flush();
      }
    }

    assertThat(rotatedSets).isNotEmpty();
    for (String family : List.of("", "error/")) {
      Path directory = logs.resolve(family);
      long total;
      List<Path> files;
      try (Stream<Path> listing = Files.list(directory)) {
        files = listing.filter(Files::isRegularFile).toList();
      }
      total = files.stream().mapToLong(file -> file.toFile().length()).sum();
      assertThat(files).as(family).hasSizeGreaterThan(1);
      assertThat(total).as(family).isLessThanOrEqualTo(8 * 1024);
    }
    List<Path> kept = LogRotationTest.rotated(logs.resolve("error"), "chatbot-error");
    assertThat(kept).isNotEmpty();
    assertThat(kept.get(0).getFileName().toString()).as("the oldest were deleted")
        .isNotEqualTo("chatbot-error.2024-03-01.0.log");
    String newest = Files.readString(logs.resolve("error/chatbot-error.log"));
    assertThat(newest).contains("failure number 399");
  }

  @Test
  void theAuditLogIsNeverDeletedForSizeAndWarnsOnceWhenOver() throws IOException {
    Path logs = root.resolve("logs");
    Path oldAudit = file(logs, "audit/chatbot-audit.2024-02-25.0.log", Duration.ofDays(5), 3000);
    Path audit = file(logs, "audit/chatbot-audit.2024-02-27.0.log", Duration.ofDays(3), 3000);
    Path oldMain = file(logs, "chatbot.2024-02-01.0.log", Duration.ofDays(1), 3000);
    Path main = file(logs, "chatbot.2024-02-01.1.log", Duration.ofDays(1), 3000);
    LogHousekeeping housekeeping = new LogHousekeeping(LogLayout.from(TestEvents.config(logs,
        "chatlens.log.max-total-size", "4KB")), clock);
    captureDiagnostics();

    LogHousekeeping.Result first = housekeeping.runOnce();
    LogHousekeeping.Result second = housekeeping.runOnce();

    assertThat(first.deleted()).containsExactly(oldMain);
    assertThat(second.deleted()).isEmpty();
    assertThat(main).exists();
    assertThat(oldAudit).exists();
    assertThat(audit).exists();
    synchronized (diagnostics) {
      assertThat(diagnostics).filteredOn(line -> line.contains("audit")).singleElement().asString()
          .startsWith("WARN the audit log in " + logs.resolve("audit") + " takes 6000 bytes, over "
              + "chatlens.log.max-total-size (4096 bytes); audit files are never deleted for size");
    }
  }

  @Test
  void rotatedFilesAreOrderedByDayThenCounterNotByName() {
    LogFileSet set = LogLayout.from(TestEvents.config(root)).of(LogStream.MAIN);
    List<Path> files = new ArrayList<>(List.of(root.resolve("chatbot.2024-01-02.0.log"),
        root.resolve("chatbot.2024-01-01.10.log.gz"), root.resolve("chatbot.2024-01-01.9.log")));

    files.sort(set.oldestFirst());

    assertThat(files).extracting(file -> file.getFileName().toString())
        .containsExactly("chatbot.2024-01-01.9.log", "chatbot.2024-01-01.10.log.gz", "chatbot.2024-01-02.0.log");
  }
}
