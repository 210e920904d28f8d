package io.chatlens.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.redaction.Redaction;
import io.chatlens.instrumentation.core.ChatEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline in-process: queue, writer thread, redaction, files, and the startup audit events. */
class AgentLoggingTest {

  @TempDir
  Path logs;

  @Test
  void writesRedactedEventsAndTheStartupConfigurationToTheirFiles() throws IOException {
    AgentConfig config = TestEvents.config(logs, "otel.service.name", "helpdesk", "chatlens.log.profile", "dev",
        "chatlens.redaction.salt", "pepper-42");
    AgentLogging logging = AgentLogging.start(config, Redaction.from(config), new MutableClock("2024-01-15T10:00:00Z"));
    try {
      for (ChatEvent event : ConfigurationAudit.startupEvents(config, "0.1.0", false, TestEvents.SEED_INSTANT)) {
        logging.queue().accept(event);
      }
      logging.queue().accept(new ChatEvent(TestEvents.SEED_INSTANT, ChatEvent.Level.WARN, "command_parser", "parse",
          "Rejected login password=hunter2", Map.of("api_key", "sk-live-1234567890abcdef"), null, false));
    } finally {
      logging.close();
    }

    assertThat(logging.directory()).isEqualTo(logs.toAbsolutePath()).isEqualTo(logging.layout().directory());
    String main = Files.readString(logs.resolve("chatbot.log"));
    assertThat(main).contains("[WARN] [command_parser] [parse] Rejected login").doesNotContain("hunter2", "sk-live");
    assertThat(Files.readString(logs.resolve("error/chatbot-error.log"))).contains("Rejected login");
    List<String> audit = Files.readAllLines(logs.resolve("audit/chatbot-audit.log"));
    assertThat(audit).first().asString()
        .contains("[INFO] [chatlens_agent] [start] ChatLens 0.1.0 started service=helpdesk, config_file=none");
    assertThat(audit).anySatisfy(line -> assertThat(line)
        .contains("[configure] Setting in effect setting=chatlens.log.profile, value=dev, origin="));
    assertThat(audit).anySatisfy(line -> assertThat(line).contains("setting=chatlens.redaction.salt"))
        .noneMatch(line -> line.contains("pepper-42"));
    assertThat(audit).noneMatch(line -> line.contains("Rejected login"));
  }

  @Test
  void configurationProblemsAreAuditedAtTheirSeverity() {
    AgentConfig config = TestEvents.config(logs, "chatlens.log.max-file-size", "huge", "chatlens.log.formt", "json");

    List<ChatEvent> events = ConfigurationAudit.startupEvents(config, "0.1.0", true, 0);

    assertThat(events).isNotEmpty().allMatch(ChatEvent::audit);
    assertThat(events.get(0).message()).isEqualTo("ChatLens 0.1.0 attached");
    assertThat(events).anySatisfy(event -> {
      assertThat(event.level()).isEqualTo(ChatEvent.Level.ERROR);
      assertThat(event.context().get("problem")).contains("chatlens.log.max-file-size=huge");
    });
    assertThat(events).anySatisfy(event -> {
      assertThat(event.level()).isEqualTo(ChatEvent.Level.WARN);
      assertThat(event.context().get("problem")).contains("did you mean chatlens.log.format?");
    });
  }

  @Test
  void theLayoutFollowsTheProfileAndItsOverrides() {
    LogLayout prod = LogLayout.from(TestEvents.config(logs));
    LogLayout dev = LogLayout.from(TestEvents.config(logs, "chatlens.log.profile", "dev",
        "chatlens.log.retention.info", "45d", "chatlens.log.file", "bot.log"));

    assertThat(prod.of(LogStream.DEBUG).retention()).hasDays(3);
    assertThat(prod.of(LogStream.INFO).retention()).hasDays(14);
    assertThat(prod.of(LogStream.ERROR).retention()).hasDays(365);
    assertThat(prod.of(LogStream.AUDIT).retention()).hasDays(2557);
    assertThat(prod.of(LogStream.MAIN).retention()).hasDays(14);
    assertThat(prod.compressAfter()).hasDays(7);
    assertThat(dev.of(LogStream.DEBUG).retention()).hasDays(7);
    assertThat(dev.of(LogStream.INFO).retention()).hasDays(45);
    assertThat(dev.of(LogStream.MAIN).retention()).as("follows info").hasDays(45);
    assertThat(dev.of(LogStream.ERROR).retention()).hasDays(90);
    assertThat(dev.of(LogStream.AUDIT).activeFile()).isEqualTo(logs.resolve("audit/bot-audit.log"));
    assertThat(dev.of(LogStream.ERROR).activeFile()).isEqualTo(logs.resolve("error/bot-error.log"));
    assertThat(dev.of(LogStream.MAIN).rollingPattern()).isEqualTo(logs.resolve("bot.%d{yyyy-MM-dd,UTC}.%i.log").toString());
  }

  @Test
  void theSeedsLogRetentionKeepsTheMainFileUnlessAgentPropertiesSetsItsOwn() {
    LogLayout seed = LogLayout.from(TestEvents.config(logs), java.time.Duration.ofDays(30));
    LogLayout explicit = LogLayout.from(TestEvents.config(logs, "chatlens.log.retention.main", "20d"),
        java.time.Duration.ofDays(30));

    assertThat(seed.of(LogStream.MAIN).retention()).hasDays(30);
    assertThat(seed.of(LogStream.INFO).retention()).as("the info class keeps the profile's").hasDays(14);
    assertThat(seed.written()).as("info/ is written again, kept 14d").contains(seed.of(LogStream.INFO));
    assertThat(explicit.of(LogStream.MAIN).retention()).as("agent.properties wins").hasDays(20);
  }

  @Test
  void theWriterSurvivesErrorsAndCountsThem() throws Exception {
    AgentConfig config = TestEvents.config(logs);
    AgentLogging logging = AgentLogging.start(config, Redaction.from(config), new MutableClock("2024-01-15T10:00:00Z"));
    java.util.concurrent.atomic.AtomicInteger forwarded = new java.util.concurrent.atomic.AtomicInteger();
    logging.forwardTo(event -> {
      if (forwarded.incrementAndGet() == 1) {
        throw new OutOfMemoryError("simulated");
      }
      if (forwarded.get() == 2) {
        throw new NoClassDefFoundError("simulated");
      }
    });
    try {
      for (int i = 0; i < 3; i++) {
        logging.queue().accept(TestEvents.event(ChatEvent.Level.WARN, "search_engine", "search", "event " + i));
      }
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> forwarded.get() == 3);
      assertThat(logging.writerFaults()).isEqualTo(2);
      // still alive after both: a later event is written
      logging.queue().accept(TestEvents.event(ChatEvent.Level.WARN, "search_engine", "search", "after the errors"));
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> forwarded.get() == 4);
    } finally {
      logging.close();
    }
    assertThat(Files.readString(logs.resolve("chatbot.log"))).contains("event 2").contains("after the errors");
  }
}
