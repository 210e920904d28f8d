package io.chatlens.agent.logging;

import static io.chatlens.agent.logging.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.instrumentation.core.ChatEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The text format is the seed's, and every line it produces parses with the seed's grok pattern. */
class SeedTextFormatTest {

  @Test
  void reproducesTheSeedExampleExactly() {
    ChatEvent event = event(ChatEvent.Level.INFO, "session_manager", "create_session", "Created new session for",
        "user_id", "12345", "session_id", "abc-def-ghi");

    assertThat(SeedTextLayout.format(event)).isEqualTo("2024-01-15T10:30:45.123Z [INFO] [session_manager] "
        + "[create_session] Created new session for user_id=12345, session_id=abc-def-ghi\n");
  }

  @Test
  void theSeedGrokPatternExtractsEveryField() {
    ChatEvent event = event(ChatEvent.Level.WARN, "database_manager", "execute_query", "Slow query",
        "duration_ms", "812");

    Matcher fields = SeedGrok.parse(withoutNewline(SeedTextLayout.format(event)));

    assertThat(fields).isNotNull();
    assertThat(fields.group("timestamp")).isEqualTo("2024-01-15T10:30:45.123Z");
    assertThat(fields.group("level")).as("not padded").isEqualTo("WARN");
    assertThat(fields.group("module")).isEqualTo("database_manager");
    assertThat(fields.group("function")).isEqualTo("execute_query");
    assertThat(fields.group("logmessage")).isEqualTo("Slow query duration_ms=812");
  }

  @Test
  void theExpandedGrokPatternRejectsLinesLogstashWouldNotParse() {
    assertThat(SeedGrok.parse("2024-01-15T10:30:45.123Z [INFO ] [m] [f] padded level")).isNull();
    assertThat(SeedGrok.parse("2024-01-15T10:30:45.123Z [VERBOSE] [m] [f] unknown level")).isNull();
    assertThat(SeedGrok.parse("Jan 15 10:30:45 [INFO] [m] [f] not ISO 8601")).isNull();
    assertThat(SeedGrok.parse("2024-01-15T10:30:45.123Z [INFO] [m] f message without brackets")).isNull();
    assertThat(SeedGrok.parse("2024-01-15 10:30:45,123 [ERROR] [m] [f] also ISO 8601 for grok")).isNotNull();
  }

  @Test
  void everyLevelIsALogstashLogLevel() {
    for (ChatEvent.Level level : ChatEvent.Level.values()) {
      Matcher fields = SeedGrok.parse(withoutNewline(SeedTextLayout.format(event(level, "m", "f", "text"))));
      assertThat(fields).as(level.name()).isNotNull();
      assertThat(fields.group("level")).isEqualTo(level.name());
    }
  }

  @Test
  void multiLineMessagesStayOnOneLine() {
    ChatEvent event = event(ChatEvent.Level.INFO, "command_parser", "parse", "first\nsecond\r\nthird\rfourth",
        "input", "a\nb");

    String line = SeedTextLayout.format(event);

    assertThat(line).endsWith("\n").doesNotContain("\r");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    assertThat(SeedGrok.parse(withoutNewline(line)).group("logmessage"))
        .isEqualTo("first \\n second \\n third \\n fourth input=\"a \\n b\"");
  }

  @Test
  void controlCharactersAndUnicodeLineSeparatorsAreEscaped() {
    ChatEvent event = event(ChatEvent.Level.INFO, "m", "f", "nul\u0000 bell\u0007 esc\u001b nel\u0085 ls\u2028 ps\u2029 "
        + "tab\tstays é 中文 😀");

    String message = SeedGrok.parse(withoutNewline(SeedTextLayout.format(event))).group("logmessage");

    assertThat(message).isEqualTo("nul\\u0000 bell\\u0007 esc\\u001b nel\\u0085 ls\\u2028 ps\\u2029 tab\tstays é 中文 😀");
  }

  @Test
  void bracketsAndSpacesInModuleOrFunctionCannotShiftTheFields() {
    ChatEvent event = event(ChatEvent.Level.INFO, "odd] [module", "two words\n[x]", "message [with] brackets");

    Matcher fields = SeedGrok.parse(withoutNewline(SeedTextLayout.format(event)));

    assertThat(fields.group("module")).isEqualTo("odd___module");
    assertThat(fields.group("function")).isEqualTo("two_words__x_");
    assertThat(fields.group("logmessage")).isEqualTo("message [with] brackets");
  }

  @Test
  void anExceptionWithCausesIsFoldedIntoTheLine() {
    IllegalStateException cause = new IllegalStateException("pool exhausted\nafter 30s");
    RuntimeException error = new RuntimeException("query failed", new IllegalArgumentException("bad", cause));
    ChatEvent event = TestEvents.failure("Captured error", error);

    String line = SeedTextLayout.format(event);
    Matcher fields = SeedGrok.parse(withoutNewline(line));

    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    assertThat(fields.group("level")).isEqualTo("ERROR");
    assertThat(fields.group("logmessage"))
        .startsWith("Captured error | java.lang.RuntimeException: query failed at ")
        .contains(" | caused by: java.lang.IllegalArgumentException: bad at ")
        .contains(" | caused by: java.lang.IllegalStateException: pool exhausted \\n after 30s at ")
        .contains(getClass().getName());
  }

  @Test
  void redactionKeepsTheFramesAndCutsCauseCycles() {
    IllegalStateException first = new IllegalStateException("token=abc123secret");
    RuntimeException second = new RuntimeException("wrapper", first);
    first.initCause(second);
    ChatEvent redacted = RedactedEvent.of(TestEvents.failure("Captured error", second),
        io.chatlens.agent.redaction.Redactor.withDefaults());

    String message = SeedGrok.parse(withoutNewline(SeedTextLayout.format(redacted))).group("logmessage");

    assertThat(message).startsWith("Captured error | java.lang.RuntimeException: wrapper at " + getClass().getName())
        .contains(" | caused by: java.lang.IllegalStateException: ")
        .doesNotContain("abc123secret");
    assertThat(message.split("caused by", -1)).hasSize(2);
  }

  @Test
  void manyGeneratedEventsAllParseWithTheSeedPattern() {
    Random random = new Random(20240115);
    List<ChatEvent> events = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      events.add(randomEvent(random));
    }

    for (ChatEvent event : events) {
      String line = SeedTextLayout.format(event);
      assertThat(line.indexOf('\n')).as(line).isEqualTo(line.length() - 1);
      assertThat(line).doesNotContain("\r", "\u000b", "\u000c", "\u0085", "\u2028", "\u2029");
      Matcher fields = SeedGrok.parse(withoutNewline(line));
      assertThat(fields).as(line).isNotNull();
      assertThat(Instant.parse(fields.group("timestamp")).toEpochMilli()).isEqualTo(event.epochMillis());
      assertThat(fields.group("level")).isEqualTo(event.level().name());
      assertThat(fields.group("module")).doesNotContain("[", "]", " ");
      assertThat(fields.group("function")).doesNotContain("[", "]", " ");
      if (event.error() != null) {
        assertThat(fields.group("logmessage")).contains(" | " + event.error().getClass().getName());
      }
    }
  }

  @Test
  void theSinglePassFormatterWritesWhatTheTwoPassRulesWrite() {
    // the message and context are appended in one pass (printable ASCII copied as it is); the rules are still: each
    // text made one-line, and a value quoted (its quotes escaped) when it has a comma or a space after that
    Random random = new Random(20261206);
    for (int i = 0; i < 20_000; i++) {
      ChatEvent event = randomEvent(random);
      StringBuilder expected = new StringBuilder(SeedTextLayout.oneLine(event.message()));
      String separator = expected.length() == 0 ? "" : " ";
      for (Map.Entry<String, String> entry : event.context().entrySet()) {
        String value = SeedTextLayout.oneLine(entry.getValue());
        boolean quoted = value.indexOf(',') >= 0 || value.indexOf(' ') >= 0;
        expected.append(separator).append(SeedTextLayout.oneLine(entry.getKey())).append('=')
            .append(quoted ? '"' + value.replace("\"", "\\\"") + '"' : value);
        separator = ", ";
      }
      assertThat(SeedTextLayout.message(event)).isEqualTo(expected.toString());
    }
    assertThat(SeedTextLayout.bracketField("odd]module [x]")).isEqualTo("odd_module__x_");
    assertThat(SeedTextLayout.bracketField("chat_service")).isEqualTo("chat_service");
  }

  private static ChatEvent randomEvent(Random random) {
    String[] modules = {"session_manager", "command_parser", "search_engine", "database_manager", "error_handler",
        "chat_service", "jdbc", "odd]module", "with space", "[bracketed]", "tab\tmodule", ""};
    String[] functions = {"create_session", "parse", "search", "execute_query", "handle", "x]y[z", "new\nline"};
    Map<String, String> context = new LinkedHashMap<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      context.put(randomText(random, 8), randomText(random, 20));
    }
    Throwable error = null;
    if (random.nextInt(5) == 0) {
      error = new IllegalStateException(randomText(random, 30),
          random.nextBoolean() ? new java.io.IOException(randomText(random, 30)) : null);
    }
    ChatEvent.Level level = ChatEvent.Level.values()[random.nextInt(ChatEvent.Level.values().length)];
    long millis = 1_000_000_000_000L + (long) (random.nextDouble() * 3_000_000_000_000L);
    return new ChatEvent(millis, level, modules[random.nextInt(modules.length)],
        functions[random.nextInt(functions.length)], randomText(random, 60), context, error, random.nextBoolean());
  }

  /** Text mixing ASCII, separators, every kind of line break, controls, accents, CJK and emoji. */
  static String randomText(Random random, int maxLength) {
    String[] pieces = {"a", "Z", "7", " ", ",", "=", "\"", "\\", "[", "]", "\n", "\r", "\r\n", "\t", "\u0000",
        "\u001b", "\u007f", "\u0085", "\u2028", "\u2029", "\u000b", "\u000c", "é", "中", "😀", "\ud800", "\udc00",
        "user_id=", "%{", "}"};
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  static String withoutNewline(String line) {
    return line.substring(0, line.length() - 1);
  }
}
