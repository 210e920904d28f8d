package io.chatlens.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.instrumentation.core.ChatEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files rotate at the configured size and at midnight UTC, by the clock given to Logback. */
class LogRotationTest {

  @TempDir
  Path logs;

  private final MutableClock clock = new MutableClock("2024-01-15T10:00:00Z");

  private LogRouter router(String maxFileSize) {
    AgentConfig config = TestEvents.config(logs, "chatlens.log.max-file-size", maxFileSize,
        "chatlens.log.retention.main", "7d");
    return new LogRouter(LogLayout.from(config), LogFormat.TEXT, "chatbot", config.get(
        io.chatlens.agent.config.ConfigKeys.LOG_MAX_FILE_SIZE), false, clock);
  }

  private static ChatEvent numbered(int number) {
    return new ChatEvent(Instant.parse("2024-01-15T10:00:00Z").toEpochMilli(), ChatEvent.Level.INFO, "chat_service",
        "handle", "Handled message number " + String.format("%05d", number) + " with some padding text", Map.of(),
        null, false);
  }

  @Test
  void rotatesBySizeWithoutLosingOrReorderingALine() throws IOException {
    try (LogRouter router = router("1KB")) {
      for (int i = 0; i < 60; i++) {
        router.append(numbered(i));
      }
    }

    List<Path> rotated = rotated(logs, "chatbot");
    assertThat(rotated).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(file -> assertThat(file.getFileName().toString()).matches("chatbot\\.2024-01-15\\.\\d+\\.log"));
    for (Path file : rotated) {
      long size = Files.size(file);
      assertThat(size).as(file.toString()).isGreaterThanOrEqualTo(1024).isLessThan(1024 + 120);
    }
    assertThat(Files.size(logs.resolve("chatbot.log"))).isLessThan(1024 + 120);
    assertThat(allLines(rotated, logs.resolve("chatbot.log")))
        .containsExactlyElementsOf(expectedNumbers(0, 60));
  }

  @Test
  void aRestartTheSameDayContinuesTheCounterInsteadOfOverwriting() throws IOException {
    try (LogRouter router = router("1KB")) {
      for (int i = 0; i < 30; i++) {
        router.append(numbered(i));
      }
    }
    // on disk the active file was last written "now": Logback takes its period from that time at restart
    Files.setLastModifiedTime(logs.resolve("chatbot.log"), FileTime.from(clock.instant()));
    clock.advance(Duration.ofHours(1));
    try (LogRouter router = router("1KB")) {
      for (int i = 30; i < 60; i++) {
        router.append(numbered(i));
      }
    }

    List<Path> rotated = rotated(logs, "chatbot");
    assertThat(rotated).isNotEmpty()
        .allSatisfy(file -> assertThat(file.getFileName().toString()).startsWith("chatbot.2024-01-15."));
    assertThat(allLines(rotated, logs.resolve("chatbot.log"))).containsExactlyElementsOf(expectedNumbers(0, 60));
  }

  @Test
  void rotatesDailyAtMidnightUtc() throws IOException {
    clock.set("2024-01-15T23:59:30Z");
    try (LogRouter router = router("100MB")) {
      router.append(numbered(1));
      router.append(TestEvents.audit(ChatEvent.Level.INFO, "audited before midnight"));
      clock.set("2024-01-15T23:59:59.999Z");
      router.append(numbered(2));
      clock.set("2024-01-16T00:00:00.001Z");
      router.append(numbered(3));
      router.append(TestEvents.audit(ChatEvent.Level.INFO, "audited after midnight"));
      clock.advance(Duration.ofDays(1));
      router.append(numbered(4));
    }

    assertThat(Files.readAllLines(logs.resolve("chatbot.2024-01-15.0.log"))).hasSize(3)
        .allMatch(line -> line.contains("number 00001") || line.contains("number 00002")
            || line.contains("audited before midnight"));
    assertThat(Files.readAllLines(logs.resolve("chatbot.2024-01-16.0.log"))).hasSize(2);
    assertThat(Files.readAllLines(logs.resolve("chatbot.log"))).singleElement().asString().contains("number 00004");
    assertThat(Files.readAllLines(logs.resolve("audit/chatbot-audit.2024-01-15.0.log")))
        .singleElement().asString().contains("audited before midnight");
    assertThat(Files.readAllLines(logs.resolve("audit/chatbot-audit.log")))
        .singleElement().asString().contains("audited after midnight");
    assertThat(Files.readAllLines(logs.resolve("info/chatbot-info.2024-01-15.0.log"))).hasSize(3);
  }

  static List<Path> rotated(Path directory, String base) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().matches(base + "\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+\\.log"))
          .sorted((a, b) -> Integer.compare(counter(a), counter(b))).toList();
    }
  }

  private static int counter(Path rotated) {
    String[] parts = rotated.getFileName().toString().split("\\.");
    return Integer.parseInt(parts[parts.length - 2]);
  }

  private static List<String> allLines(List<Path> rotated, Path active) throws IOException {
    List<String> numbers = new ArrayList<>();
    for (Path file : rotated) {
      numbers.addAll(numbersIn(file));
    }
    numbers.addAll(numbersIn(active));
    return numbers;
  }

  private static List<String> numbersIn(Path file) throws IOException {
    return Files.readAllLines(file).stream().map(line -> line.replaceAll(".*number (\\d{5}).*", "$1")).toList();
  }

  private static List<String> expectedNumbers(int from, int to) {
    List<String> numbers = new ArrayList<>();
    for (int i = from; i < to; i++) {
      numbers.add(String.format("%05d", i));
    }
    return numbers;
  }
}
