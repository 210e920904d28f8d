package io.chatlens.agent.logging;

import static io.chatlens.agent.logging.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatlens.instrumentation.core.ChatEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The JSON format: one valid ECS object per line, with the documented field names. */
class EcsJsonLayoutTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final EcsJsonLayout layout = new EcsJsonLayout("chatbot");

  @Test
  void mapsTheEventToEcsFields() throws Exception {
    ChatEvent event = event(ChatEvent.Level.INFO, "session_manager", "create_session", "Created new session for",
        "user_id", "12345", "session_id", "abc-def-ghi", "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736",
        "span_id", "00f067aa0ba902b7", "interactions", "3");

    String line = layout.format(event);
    JsonNode json = JSON.readTree(line);

    assertThat(line).endsWith("}\n").doesNotContain("\n{");
    assertThat(fieldNames(json)).containsExactly("@timestamp", "log.level", "message", "ecs.version", "service.name",
        "event.dataset", "log.logger", "log.origin.function", "trace.id", "span.id", "user.id", "labels");
    assertThat(json.get("@timestamp").asText()).isEqualTo("2024-01-15T10:30:45.123Z");
    assertThat(json.get("log.level").asText()).isEqualTo("INFO");
    assertThat(json.get("message").asText()).isEqualTo("Created new session for user_id=12345, session_id=abc-def-ghi, "
        + "trace_id=4bf92f3577b34da6a3ce929d0e0e4736, span_id=00f067aa0ba902b7, interactions=3");
    assertThat(json.get("ecs.version").asText()).isEqualTo(EcsJsonLayout.ECS_VERSION);
    assertThat(json.get("service.name").asText()).isEqualTo("chatbot");
    assertThat(json.get("event.dataset").asText()).isEqualTo("chatlens.chatbot");
    assertThat(json.get("log.logger").asText()).isEqualTo("session_manager");
    assertThat(json.get("log.origin.function").asText()).isEqualTo("create_session");
    assertThat(json.get("trace.id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(json.get("span.id").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(json.get("user.id").asText()).isEqualTo("12345");
    assertThat(json.get("labels").get("session_id").asText()).isEqualTo("abc-def-ghi");
    assertThat(json.get("labels").get("interactions").asText()).isEqualTo("3");
    assertThat(json.get("labels").has("user_id")).as("promoted to user.id").isFalse();
  }

  @Test
  void auditEventsHaveTheAuditDataset() throws Exception {
    JsonNode json = JSON.readTree(layout.format(TestEvents.audit(ChatEvent.Level.INFO, "Created new session for",
        "user_id", "u1", "session_id", "s1")));

    assertThat(json.get("event.dataset").asText()).isEqualTo("chatlens.audit");
  }

  @Test
  void anExceptionFillsTheEcsErrorFields() throws Exception {
    RuntimeException error = new RuntimeException("query \"x\" failed", new IllegalStateException("pool exhausted"));

    JsonNode json = JSON.readTree(layout.format(TestEvents.failure("Captured error", error)));

    assertThat(json.get("log.level").asText()).isEqualTo("ERROR");
    assertThat(json.get("error.type").asText()).isEqualTo("java.lang.RuntimeException");
    assertThat(json.get("error.message").asText()).isEqualTo("query \"x\" failed");
    assertThat(json.get("error.stack_trace").asText())
        .startsWith("java.lang.RuntimeException: query \"x\" failed\n\tat " + getClass().getName())
        .contains("\nCaused by: java.lang.IllegalStateException: pool exhausted\n\tat ");
    assertThat(json.get("message").asText()).isEqualTo("Captured error");
  }

  @Test
  void theRedactedStandInKeepsTheOriginalTypeAndFrames() throws Exception {
    ChatEvent redacted = RedactedEvent.of(TestEvents.failure("x", new java.io.UncheckedIOException(
        new java.io.IOException("disk"))), io.chatlens.agent.redaction.Redaction.from(
        io.chatlens.agent.config.AgentConfig.defaults()));

    JsonNode json = JSON.readTree(layout.format(redacted));

    assertThat(json.get("error.type").asText()).isEqualTo("java.io.UncheckedIOException");
    assertThat(json.get("error.stack_trace").asText())
        .startsWith("java.io.UncheckedIOException: java.io.IOException: disk\n\tat " + getClass().getName())
        .contains("Caused by: java.io.IOException: disk\n\tat " + getClass().getName());
  }

  @Test
  void escapesQuotesBackslashesControlCharactersAndUnicode() throws Exception {
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    String tricky = "quote\" backslash\\ slash/ " + controls + " del\u007f ls\u2028 ps\u2029 é 中文 😀 }{,:";
    ChatEvent event = event(ChatEvent.Level.INFO, "m", "f", "message", "note", tricky, "lone", "a\ud800b\udc00c");

    String line = layout.format(event);
    JsonNode json = JSON.readTree(line);

    assertThat(line.indexOf('\n')).as("one line").isEqualTo(line.length() - 1);
    assertThat(line).doesNotContain("\u2028", "\u2029", "\r", "\u0000");
    assertThat(json.get("labels").get("note").asText()).isEqualTo(tricky);
    assertThat(json.get("labels").get("lone").asText()).isEqualTo("a\ufffdb\ufffdc");
    assertThat(strictUtf8(line.getBytes(StandardCharsets.UTF_8))).isEqualTo(line);
  }

  @Test
  void labelKeysHaveNoDots() throws Exception {
    JsonNode json = JSON.readTree(layout.format(event(ChatEvent.Level.INFO, "m", "f", "x",
        "db.system", "h2", "error-type", "42S02", "db_system", "ignored duplicate")));

    assertThat(fieldNames(json.get("labels"))).containsExactly("db_system", "error_type");
    assertThat(json.get("labels").get("db_system").asText()).isEqualTo("h2");
  }

  @Test
  void manyGeneratedEventsAreValidJsonThatRoundTrips() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 3_000; i++) {
      String value = SeedTextFormatTest.randomText(random, 40);
      String message = SeedTextFormatTest.randomText(random, 40);
      Throwable error = random.nextInt(4) == 0 ? new IllegalStateException(message) : null;
      ChatEvent event = new ChatEvent(TestEvents.SEED_INSTANT, ChatEvent.Level.INFO, "m", "f", message,
          Map.of("value", value), error, false);

      String line = layout.format(event);
      JsonNode json = JSON.readTree(line);

      assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
      assertThat(json.get("labels").get("value").asText()).isEqualTo(withoutLoneSurrogates(value));
      if (error != null) {
        assertThat(json.get("error.message").asText()).isEqualTo(withoutLoneSurrogates(message));
      }
    }
  }

  private static String withoutLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (paired) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\ufffd' : c);
      }
    }
    return out.toString();
  }

  private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
