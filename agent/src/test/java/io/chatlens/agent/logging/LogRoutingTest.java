package io.chatlens.agent.logging;

import static io.chatlens.agent.logging.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.instrumentation.core.ChatEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each event reaches the main file, its level's file and, for audit events, the audit file. */
class LogRoutingTest {

  @TempDir
  Path logs;

  private final MutableClock clock = new MutableClock("2024-01-15T10:30:45Z");

  private LogRouter router(AgentConfig config) {
    return new LogRouter(LogLayout.from(config), LogFormat.named(config.get(ConfigKeys.LOG_FORMAT)),
        config.serviceName(), config.get(ConfigKeys.LOG_MAX_FILE_SIZE), false, clock);
  }

  private void writeOneOfEach(AgentConfig config) {
    try (LogRouter router = router(config)) {
      assertThat(router.problems()).isEmpty();
      router.append(event(ChatEvent.Level.DEBUG, "session_manager", "update_session", "Updated session"));
      router.append(event(ChatEvent.Level.INFO, "search_engine", "search", "Search returned 3 results"));
      router.append(event(ChatEvent.Level.WARN, "database_manager", "query", "Slow query"));
      router.append(event(ChatEvent.Level.ERROR, "error_handler", "handle", "Captured error"));
      router.append(TestEvents.audit(ChatEvent.Level.INFO, "Created new session for", "user_id", "u1"));
      router.append(TestEvents.audit(ChatEvent.Level.DEBUG, "Audit below the level"));
    }
  }

  @Test
  void routesEachLevelToItsRetentionClassAndAuditEventsToTheAuditFile() throws IOException {
    writeOneOfEach(TestEvents.config(logs, "chatlens.log.level", "debug", "chatlens.log.retention.main", "7d"));

    assertThat(lines("chatbot.log")).hasSize(6);
    assertThat(lines("debug/chatbot-debug.log")).containsExactly(
        "2024-01-15T10:30:45.123Z [DEBUG] [session_manager] [update_session] Updated session",
        "2024-01-15T10:30:45.123Z [DEBUG] [session_manager] [create_session] Audit below the level");
    assertThat(lines("info/chatbot-info.log")).hasSize(2)
        .anyMatch(line -> line.contains("Search returned 3 results"))
        .anyMatch(line -> line.contains("Created new session for user_id=u1"));
    assertThat(lines("error/chatbot-error.log")).hasSize(2)
        .anyMatch(line -> line.contains("[WARN] [database_manager] [query] Slow query"))
        .anyMatch(line -> line.contains("[ERROR] [error_handler] [handle] Captured error"));
    assertThat(lines("audit/chatbot-audit.log")).containsExactly(
        "2024-01-15T10:30:45.123Z [INFO] [session_manager] [create_session] Created new session for user_id=u1",
        "2024-01-15T10:30:45.123Z [DEBUG] [session_manager] [create_session] Audit below the level");
  }

  @Test
  void theLevelAppliesToEveryFileButTheAuditFile() throws IOException {
    writeOneOfEach(TestEvents.config(logs, "chatlens.log.level", "info", "chatlens.log.retention.main", "7d"));

    assertThat(lines("chatbot.log")).hasSize(4).noneMatch(line -> line.contains("[DEBUG]"));
    assertThat(logs.resolve("debug")).as("no DEBUG file below the level").doesNotExist();
    assertThat(lines("info/chatbot-info.log")).hasSize(2);
    assertThat(lines("audit/chatbot-audit.log")).hasSize(2).anyMatch(line -> line.contains("Audit below the level"));
  }

  @Test
  void aLevelFileKeptAsLongAsTheMainFileIsNotWrittenTwice() throws IOException {
    writeOneOfEach(TestEvents.config(logs, "chatlens.log.level", "debug"));

    assertThat(lines("chatbot.log")).as("the main file keeps INFO for the info retention").hasSize(6)
        .anyMatch(line -> line.contains("Search returned 3 results"));
    assertThat(logs.resolve("info")).as("info/ would only copy the main file for as long").doesNotExist();
    assertThat(lines("debug/chatbot-debug.log")).hasSize(2);
    assertThat(lines("error/chatbot-error.log")).hasSize(2);
    assertThat(lines("audit/chatbot-audit.log")).hasSize(2);
  }

  @Test
  void levelFilesCanBeTurnedOff() throws IOException {
    writeOneOfEach(TestEvents.config(logs, "chatlens.log.level-files", "false"));

    assertThat(lines("chatbot.log")).hasSize(4);
    assertThat(lines("audit/chatbot-audit.log")).hasSize(2);
    assertThat(logs.resolve("info")).doesNotExist();
    assertThat(logs.resolve("error")).doesNotExist();
  }

  @Test
  void theJsonFormatAppliesToEveryFile() throws IOException {
    writeOneOfEach(TestEvents.config(logs, "chatlens.log.format", "json", "otel.service.name", "helpdesk",
        "chatlens.log.retention.main", "7d"));

    ObjectMapper mapper = new ObjectMapper();
    for (String file : List.of("chatbot.log", "info/chatbot-info.log", "error/chatbot-error.log",
        "audit/chatbot-audit.log")) {
      for (String line : lines(file)) {
        JsonNode json = mapper.readTree(line);
        assertThat(json.get("service.name").asText()).isEqualTo("helpdesk");
        assertThat(json.get("event.dataset").asText())
            .isEqualTo(file.startsWith("audit") || line.contains("Created new session") ? "chatlens.audit"
                : "chatlens.chatbot");
      }
    }
    assertThat(lines("audit/chatbot-audit.log")).hasSize(2);
  }

  @Test
  void anUnwritableDirectoryIsReportedNotThrown() throws IOException {
    Path blocked = logs.resolve("blocked");
    Files.writeString(blocked, "a file where the directory should be");

    try (LogRouter router = router(TestEvents.config(blocked))) {
      assertThat(router.problems()).isNotEmpty().allMatch(problem -> problem.startsWith("cannot write " + blocked));
      router.append(event(ChatEvent.Level.ERROR, "m", "f", "nowhere to go"));
    }
  }

  private List<String> lines(String file) throws IOException {
    return Files.readAllLines(logs.resolve(file));
  }
}
