package io.chatlens.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotated files are gzipped after 7 days and deleted after their family's retention; nothing else is touched. */
class LogHousekeepingTest {

  @TempDir
  Path logs;

  private final MutableClock clock = new MutableClock("2024-03-01T12:00:00Z");

  private LogHousekeeping housekeeping(String... keysAndValues) {
    LogLayout layout = LogLayout.from(TestEvents.config(logs, keysAndValues));
    return new LogHousekeeping(layout.all(), layout.compressAfter(), clock);
  }

  /** A file whose last modification is {@code age} before the clock. */
  private Path file(String name, Duration age) throws IOException {
    Path file = logs.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "content of " + name + "\n");
    Files.setLastModifiedTime(file, FileTime.from(clock.instant().minus(age)));
    return file;
  }

  @Test
  void theActiveFileOfAFamilyNoLongerWrittenExpiresWithItsRetention() throws IOException {
    LogLayout layout = LogLayout.from(TestEvents.config(logs));
    assertThat(layout.written()).as("info/ is kept as long as the main file").isNotEmpty().noneMatch(set -> set.stream() == LogStream.INFO);
    Path oldInfo = file("info/chatbot-info.log", Duration.ofDays(15));
    Path recentInfo = file("info/chatbot-info.2024-02-27.0.log", Duration.ofDays(2));
    Path activeMain = file("chatbot.log", Duration.ofDays(400));

    LogHousekeeping.Result result =
        new LogHousekeeping(layout.all(), layout.written(), layout.compressAfter(), clock).runOnce();

    assertThat(result.deleted()).containsExactly(oldInfo);
    assertThat(oldInfo).doesNotExist();
    assertThat(recentInfo).exists();
    assertThat(activeMain).as("the main file is being written: never expired").exists();
  }

  @Test
  void compressesRotatedFilesOlderThanSevenDaysKeepingContentAndTime() throws IOException {
    Path fresh = file("chatbot.2024-02-28.0.log", Duration.ofDays(2));
    Path sixDays = file("info/chatbot-info.2024-02-24.3.log", Duration.ofDays(6));
    Path eightDays = file("chatbot.2024-02-22.1.log", Duration.ofDays(8));
    Path errors = file("error/chatbot-error.2023-12-01.0.log", Duration.ofDays(90));
    FileTime eightDaysTime = Files.getLastModifiedTime(eightDays);

    LogHousekeeping.Result result = housekeeping().runOnce();

    Path gzipped = logs.resolve("chatbot.2024-02-22.1.log.gz");
    assertThat(result.compressed()).containsExactlyInAnyOrder(gzipped,
        logs.resolve("error/chatbot-error.2023-12-01.0.log.gz"));
    assertThat(result.deleted()).isEmpty();
    assertThat(eightDays).doesNotExist();
    assertThat(errors).doesNotExist();
    assertThat(gunzip(gzipped)).isEqualTo("content of chatbot.2024-02-22.1.log\n");
    assertThat(Files.getLastModifiedTime(gzipped)).isEqualTo(eightDaysTime);
    assertThat(fresh).exists();
    assertThat(sixDays).exists();
  }

  @Test
  void deletesRotatedFilesOlderThanTheirRetention() throws IOException {
    Path mainExpired = file("chatbot.2024-02-10.0.log.gz", Duration.ofDays(15));
    Path mainKept = file("chatbot.2024-02-17.0.log.gz", Duration.ofDays(13));
    Path debugExpired = file("debug/chatbot-debug.2024-02-26.0.log", Duration.ofDays(4));
    Path infoExpired = file("info/chatbot-info.2024-02-01.0.log.gz", Duration.ofDays(15));
    Path errorKept = file("error/chatbot-error.2023-04-01.0.log.gz", Duration.ofDays(330));
    Path errorExpired = file("error/chatbot-error.2023-02-01.0.log.gz", Duration.ofDays(366));
    Path auditKept = file("audit/chatbot-audit.2018-01-01.0.log.gz", Duration.ofDays(2200));
    Path auditExpired = file("audit/chatbot-audit.2016-01-01.0.log.gz", Duration.ofDays(2600));

    LogHousekeeping.Result result = housekeeping("chatlens.log.profile", "prod").runOnce();

    assertThat(result.deleted()).containsExactlyInAnyOrder(mainExpired, debugExpired, infoExpired, errorExpired,
        auditExpired);
    assertThat(mainKept).exists();
    assertThat(errorKept).exists();
    assertThat(auditKept).exists();
  }

  @Test
  void theDevProfileAndOverridesChangeTheRetention() throws IOException {
    Path debug = file("debug/chatbot-debug.2024-02-26.0.log", Duration.ofDays(4));
    Path info = file("info/chatbot-info.2024-02-01.0.log.gz", Duration.ofDays(15));
    Path error = file("error/chatbot-error.2023-12-01.0.log.gz", Duration.ofDays(91));

    LogHousekeeping.Result result = housekeeping("chatlens.log.profile", "dev", "chatlens.log.retention.error", "120d")
        .runOnce();

    assertThat(result.deleted()).isEmpty();
    assertThat(debug).exists();
    assertThat(info).exists();
    assertThat(error).exists();
  }

  @Test
  void neverTouchesActiveFilesTheCurrentDayOrForeignFiles() throws IOException {
    Path active = file("chatbot.log", Duration.ofDays(400));
    Path activeAudit = file("audit/chatbot-audit.log", Duration.ofDays(4000));
    Path today = file("chatbot.2024-03-01.0.log", Duration.ofHours(2));
    Path foreign = file("other.2024-01-01.0.log", Duration.ofDays(400));
    Path notes = file("notes.txt", Duration.ofDays(400));
    Path nested = file("archive/chatbot.2023-01-01.0.log", Duration.ofDays(400));

    LogHousekeeping.Result result = housekeeping("chatlens.log.compress-after", "1h").runOnce();

    assertThat(result.compressed()).isEmpty();
    assertThat(result.deleted()).isEmpty();
    assertThat(active).exists();
    assertThat(activeAudit).exists();
    assertThat(today).as("a file of the current UTC day is never compressed").exists();
    assertThat(foreign).exists();
    assertThat(notes).exists();
    assertThat(nested).exists();
  }

  @Test
  void compressAfterIsConfigurableAndAnExistingArchiveIsNeverOverwritten() throws IOException {
    Path yesterday = file("chatbot.2024-02-29.0.log", Duration.ofHours(13));
    Path clash = file("chatbot.2024-02-28.0.log", Duration.ofDays(2));
    Path existing = file("chatbot.2024-02-28.0.log.gz", Duration.ofDays(2));
    byte[] before = Files.readAllBytes(existing);

    LogHousekeeping.Result result = housekeeping("chatlens.log.compress-after", "12h").runOnce();

    assertThat(result.compressed()).containsExactly(logs.resolve("chatbot.2024-02-29.0.log.gz"));
    assertThat(yesterday).doesNotExist();
    assertThat(clash).exists();
    assertThat(Files.readAllBytes(existing)).isEqualTo(before);
  }

  @Test
  void removesWhatAnInterruptedCompressionLeftBehind() throws IOException {
    Path stale = file("chatbot.2024-02-20.0.log.gz.tmp", Duration.ofHours(3));
    Path recent = file("chatbot.2024-02-21.0.log.gz.tmp", Duration.ofMinutes(10));

    housekeeping().runOnce();

    assertThat(stale).doesNotExist();
    assertThat(recent).exists();
  }

  @Test
  void theScheduledTaskRunsAtStartOnADaemonThread() throws IOException {
    Path old = file("chatbot.2024-02-01.0.log", Duration.ofDays(10));

    LogHousekeeping task = housekeeping().start();
    try {
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(old).doesNotExist());
      assertThat(logs.resolve("chatbot.2024-02-01.0.log.gz")).exists();
    } finally {
      task.close();
    }
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
