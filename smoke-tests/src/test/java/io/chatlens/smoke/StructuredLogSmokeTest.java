package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.SeedGrok;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo chatbot run twice, with {@code chatlens.log.format=text} and {@code json}: every line of
 * logs/chatbot.log parses with the seed's grok pattern (text) or is an ECS JSON object (json), and the
 * audit file holds the session lifecycle and the startup configuration.
 */
class StructuredLogSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String SERVICE = "demo-structured-logs";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR");

  private static Path textLogs;
  private static Path jsonLogs;

  @BeforeAll
  static void run() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      textLogs = runDemo("text", receiver);
      jsonLogs = runDemo("json", receiver);
    }
  }

  /** Runs the demo with spans exported (so that log lines carry trace ids) and returns its log directory. */
  private static Path runDemo(String format, OtlpReceiver receiver) throws Exception {
    try (RunningJvm jvm = DemoSmokeTest.demo().exportTo(receiver).property("otel.service.name", SERVICE)
        .property("chatlens.log.format", format).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stderr()).doesNotContain("[chatlens] ERROR");
      return jvm.workingDirectory().resolve("logs");
    }
  }

  @Test
  void everyTextLineParsesWithTheSeedGrokPattern() throws IOException {
    List<String> lines = Files.readAllLines(textLogs.resolve("chatbot.log"));

    assertThat(lines).hasSizeGreaterThan(50);
    for (String line : lines) {
      Matcher fields = SeedGrok.parse(line);
      assertThat(fields).as(line).isNotNull();
      assertThat(Instant.parse(fields.group("timestamp"))).isBefore(Instant.now());
      assertThat(fields.group("level")).isIn(LEVELS);
    }
    assertThat(lines).anySatisfy(line -> assertThat(SeedGrok.parse(line).group("logmessage"))
        .matches("Created new session for user_id=user-\\d, session_id=sess-[0-9a-f-]+, trace_id=[0-9a-f]{32}, "
            + "span_id=[0-9a-f]{16}"));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("[ERROR] [jdbc] [execute_query]")
        .contains(" | org.h2.jdbc.JdbcSQLSyntaxErrorException: "));
  }

  /**
   * The shipped Logstash pipeline (config/logstash/chatbot.conf) run the way Logstash runs it, with a grok engine
   * (java-grok, Logstash's pattern library) on its own grok pattern and its kv filter's settings, over every line
   * the agent wrote: each line parses, and the context becomes the fields session_id, user_id and trace_id.
   */
  @Test
  void theShippedLogstashPipelineParsesEveryLineAndTurnsTheContextIntoFields() throws IOException {
    String pipeline = Files.readString(Paths.repoRoot().resolve("config/logstash/chatbot.conf"));
    Matcher grokMatch = java.util.regex.Pattern.compile("match => \\{ \"message\" => \"(.+)\" \\}").matcher(pipeline);
    assertThat(grokMatch.find()).as("the grok filter's pattern").isTrue();
    io.krakens.grok.api.GrokCompiler compiler = io.krakens.grok.api.GrokCompiler.newInstance();
    compiler.registerDefaultPatterns();
    io.krakens.grok.api.Grok grok = compiler.compile(grokMatch.group(1));
    Matcher includeKeys = java.util.regex.Pattern.compile("include_keys => \\[([^\\]]+)\\]").matcher(pipeline);
    assertThat(includeKeys.find()).as("the kv filter's include_keys").isTrue();
    Set<String> keys = new java.util.HashSet<>();
    Matcher key = java.util.regex.Pattern.compile("\"(\\w+)\"").matcher(includeKeys.group(1));
    while (key.find()) {
      keys.add(key.group(1));
    }
    Matcher fieldSplit = java.util.regex.Pattern.compile("field_split => \"([^\"]+)\"").matcher(pipeline);
    assertThat(fieldSplit.find()).isTrue();
    String separators = "[" + java.util.regex.Pattern.quote(fieldSplit.group(1)) + "]+";

    List<String> lines = Files.readAllLines(textLogs.resolve("chatbot.log"));
    assertThat(lines).hasSizeGreaterThan(50);
    List<java.util.Map<String, String>> parsed = new ArrayList<>();
    for (String line : lines) {
      java.util.Map<String, Object> fields = grok.match(line).capture();
      assertThat(fields).as(line).containsKeys("timestamp", "level", "module", "function", "log_message");
      assertThat((String) fields.get("level")).isIn(LEVELS);
      // the kv filter: split on field_split, then key=value; only the agent's own context keys are taken
      java.util.Map<String, String> kv = new java.util.HashMap<>();
      for (String pair : ((String) fields.get("log_message")).split(separators)) {
        int equals = pair.indexOf('=');
        if (equals > 0 && keys.contains(pair.substring(0, equals))) {
          kv.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
      }
      if (line.contains("session_id=")) {
        assertThat(kv.get("session_id")).as(line).matches("sess-[0-9a-f-]+");
      }
      if (line.contains("trace_id=")) {
        assertThat(kv.get("trace_id")).as(line).matches("[0-9a-f]{32}");
      }
      parsed.add(kv);
    }
    assertThat(parsed).anySatisfy(kv -> assertThat(kv).containsKeys("session_id", "user_id", "trace_id", "span_id"));
    assertThat(parsed).anySatisfy(kv -> assertThat(kv).containsKeys("error_type", "error_category", "error_fingerprint"));
    // every key=value pair of the agent's context is kept: no context key is missing from include_keys
    java.util.Set<String> written = new java.util.TreeSet<>();
    for (String line : lines) {
      Matcher pairs = java.util.regex.Pattern.compile("(?:, | )([a-z]+(?:_[a-z]+)+)=").matcher(line);
      while (pairs.find()) {
        written.add(pairs.group(1));
      }
    }
    assertThat(written).isNotEmpty();
    assertThat(keys).containsAll(written);
  }

  @Test
  void theConsoleCopyGoesToStandardErrorAndNeverToTheApplicationsOutput() throws Exception {
    try (RunningJvm jvm = DemoSmokeTest.demo().exportNowhere().property("chatlens.log.console", "true")
        .property("otel.service.name", SERVICE).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stderr().lines().filter(line -> SeedGrok.parse(line) != null)
          .filter(line -> line.contains("[session_manager] [create_session] Created new session for")))
          .as(jvm.stderr()).hasSize(4);
      assertThat(jvm.stdout()).doesNotContain("[session_manager]").contains("SUMMARY");
    }
  }

  @Test
  void eachComponentWritesItsEvent() throws IOException {
    List<String> lines = Files.readAllLines(textLogs.resolve("chatbot.log"));
    String context = "user_id=user-\\d, session_id=sess-[0-9a-f-]+, ";
    String trace = "trace_id=[0-9a-f]{32}, span_id=[0-9a-f]{16}";
    assertThat(lines).as("parser").anySatisfy(line -> assertThat(line).containsPattern(
        "\\[INFO\\] \\[command_parser\\] \\[parse\\] Parsed command /\\w+ " + context + "command=/\\w+, " + trace));
    assertThat(lines).as("rejected command").anySatisfy(line -> assertThat(line).containsPattern(
        "\\[INFO\\] \\[command_parser\\] \\[parse\\] Rejected invalid command /\\w+: .* " + context));
    assertThat(lines).as("search").anySatisfy(line -> assertThat(line).containsPattern(
        "\\[INFO\\] \\[search_engine\\] \\[search\\] Search returned \\d+ results? in \\d+ ms " + context
            + "result_count=\\d+, duration_ms=\\d+, " + trace));
    assertThat(lines).as("turn").anySatisfy(line -> assertThat(line).containsPattern(
        "\\[INFO\\] \\[chat_service\\] \\[handle\\] Handled message in \\d+ ms, status=success " + context));
    assertThat(lines).as("failed query").anySatisfy(line -> assertThat(line).containsPattern(
        "\\[ERROR\\] \\[jdbc\\] \\[execute_query\\] Database query failed: SELECT \\* FROM missing_table .*"
            + "error_category=database, error_fingerprint=[0-9a-f]{16}"));
  }

  @Test
  void theTextAuditFileHoldsTheSessionLifecycleAndTheConfiguration() throws IOException {
    List<String> audit = Files.readAllLines(textLogs.resolve("audit/chatbot-audit.log"));

    assertThat(audit).isNotEmpty().allSatisfy(line -> assertThat(SeedGrok.parse(line)).as(line).isNotNull());
    assertThat(audit).filteredOn(line -> line.contains("[session_manager] [create_session] Created new session for"))
        .hasSize(4);
    assertThat(audit).filteredOn(line -> line.contains("[session_manager] [") && line.contains("Cleaned up session ("))
        .hasSize(4).anyMatch(line -> line.contains("(expired)"));
    assertThat(audit).anyMatch(line -> line.contains("[chatlens_agent] [start] ChatLens "))
        .anyMatch(line -> line.contains("setting=chatlens.log.format, value=text"));
    assertThat(audit).as("no query lines; a new error group is an audit record wherever it happened")
        .noneMatch(line -> line.contains("[jdbc]") && !line.contains("] New error group "));
    assertThat(audit).filteredOn(line -> line.contains("] New error group ")).isNotEmpty()
        .allMatch(line -> line.contains(" [WARN] ") && line.contains("error_fingerprint="));
  }

  @Test
  void theTextLevelFilesKeepOnlyWhatTheMainFileDoesNotKeepAsLong() throws IOException {
    List<String> main = Files.readAllLines(textLogs.resolve("chatbot.log"));
    List<String> errors = Files.readAllLines(textLogs.resolve("error/chatbot-error.log"));

    assertThat(main).isNotEmpty().anyMatch(line -> line.contains(" [INFO] "));
    assertThat(errors).isNotEmpty().allMatch(line -> line.contains(" [WARN] ") || line.contains(" [ERROR] "));
    assertThat(main).as("every WARN/ERROR line is in the main file too").containsAll(errors);
    assertThat(textLogs.resolve("info")).as("INFO is kept as long as the main file: not written twice").doesNotExist();
    assertThat(textLogs.resolve("debug")).as("chatlens.log.level=info").doesNotExist();
  }

  @Test
  void everyJsonLineIsAnEcsObject() throws IOException {
    List<JsonNode> events = json(jsonLogs.resolve("chatbot.log"));

    assertThat(events).hasSizeGreaterThan(50);
    for (JsonNode event : events) {
      assertThat(Instant.parse(event.get("@timestamp").asText())).isBefore(Instant.now());
      assertThat(event.get("log.level").asText()).isIn(LEVELS);
      assertThat(event.get("message").asText()).isNotEmpty();
      assertThat(event.get("ecs.version").asText()).isNotEmpty();
      assertThat(event.get("service.name").asText()).isEqualTo(SERVICE);
      assertThat(event.get("event.dataset").asText()).isIn("chatlens.chatbot", "chatlens.audit");
      assertThat(event.get("log.logger").asText()).isNotEmpty();
      assertThat(event.get("log.origin.function").asText()).isNotEmpty();
    }
    assertThat(events).filteredOn(event -> event.get("log.origin.function").asText().equals("create_session"))
        .hasSize(4).allSatisfy(event -> {
          assertThat(event.get("event.dataset").asText()).isEqualTo("chatlens.audit");
          assertThat(event.get("log.logger").asText()).isEqualTo("session_manager");
          assertThat(event.get("user.id").asText()).matches("user-\\d");
          assertThat(event.get("labels").get("session_id").asText()).startsWith("sess-");
          assertThat(event.get("trace.id").asText()).matches("[0-9a-f]{32}");
          assertThat(event.get("span.id").asText()).matches("[0-9a-f]{16}");
        });
    assertThat(events).filteredOn(event -> event.has("error.type")).anySatisfy(event -> {
      assertThat(event.get("log.level").asText()).isEqualTo("ERROR");
      assertThat(event.get("error.type").asText()).isEqualTo("org.h2.jdbc.JdbcSQLSyntaxErrorException");
      assertThat(event.get("error.message").asText()).contains("MISSING_TABLE");
      assertThat(event.get("error.stack_trace").asText()).contains("\n\tat ");
    });
  }

  @Test
  void theJsonAuditFileHoldsOnlyAuditEvents() throws IOException {
    List<JsonNode> audit = json(jsonLogs.resolve("audit/chatbot-audit.log"));

    assertThat(audit).isNotEmpty().allSatisfy(event -> assertThat(event.get("event.dataset").asText()).isEqualTo("chatlens.audit"));
    assertThat(audit).filteredOn(event -> event.get("message").asText().startsWith("Created new session for"))
        .hasSize(4);
    assertThat(audit).filteredOn(event -> event.get("message").asText().startsWith("Cleaned up session ("))
        .hasSize(4);
    assertThat(audit).anySatisfy(event -> {
      assertThat(event.get("log.origin.function").asText()).isEqualTo("configure");
      assertThat(event.get("labels").get("setting").asText()).isEqualTo("chatlens.log.format");
      assertThat(event.get("labels").get("value").asText()).isEqualTo("json");
    });
  }

  private static List<JsonNode> json(Path file) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      try {
        events.add(JSON.readTree(line));
      } catch (IOException notJson) {
        throw new UncheckedIOException("not a JSON line: " + line, notJson);
      }
    }
    return events;
  }
}
