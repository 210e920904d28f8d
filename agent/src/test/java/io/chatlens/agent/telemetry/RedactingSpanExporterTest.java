package io.chatlens.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.redaction.RedactionConfig;
import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Span names, event names, string-array elements and dimension attributes pass the redaction stage on export. */
class RedactingSpanExporterTest {

  @Test
  void namesArraysAndDimensionsAreRedactedAndBounded() {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    Redactor redactor = new Redactor(RedactionConfig.builder().maxLabelValues(2).build());
    SdkTracerProvider tracers = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(new RedactingSpanExporter(memory, redactor))).build();
    for (int i = 0; i < 4; i++) {
      tracers.get("test").spanBuilder("lookup jane.doe@example.com")
          .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("ok", "card 4111 1111 1111 1111"))
          .setAttribute("chatbot.command", "/cmd" + i)
          .startSpan().addEvent("mail to jane.doe@example.com", Attributes.empty()).end();
    }
    List<SpanData> spans = memory.getFinishedSpanItems();
    assertThat(spans).hasSize(4).allSatisfy(span -> {
      assertThat(span.getName()).isEqualTo("lookup [REDACTED:email]");
      assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("tags"))).containsExactly("ok", "card [REDACTED:card]");
      assertThat(span.getEvents()).singleElement().satisfies(event ->
          assertThat(event.getName()).isEqualTo("mail to [REDACTED:email]"));
    });
    assertThat(spans).extracting(span -> span.getAttributes().get(AttributeKey.stringKey("chatbot.command")))
        .containsExactly("/cmd0", "/cmd1", "other", "other");
    tracers.close();
  }

  @Test
  void theAgentsOwnVocabularyIsNotScannedUnlessTheConfigurationAsksForIt() {
    // a value that would be redacted as free text: under a vocabulary key it is the agent's own word and passes
    // unscanned; a deny-list key on that name or a custom pattern restores the scan
    Attributes attributes = Attributes.of(AttributeKey.stringKey("chatbot.turn.status"), "jane.doe@example.com",
        AttributeKey.stringKey("session.id"), "jane.doe@example.com");
    Redactor defaults = new Redactor(RedactionConfig.builder().build());
    assertThat(defaults.isAgentVocabulary("chatbot.turn.status")).isTrue();
    assertThat(defaults.isAgentVocabulary("code.function.name")).isTrue();
    assertThat(defaults.isAgentVocabulary("session.id")).isFalse();
    Attributes exported = RedactedAttributes.of(attributes, defaults, RedactedAttributes.Bound.SPAN);
    assertThat(exported.get(AttributeKey.stringKey("chatbot.turn.status"))).isEqualTo("jane.doe@example.com");
    assertThat(exported.get(AttributeKey.stringKey("session.id"))).isEqualTo("[REDACTED:email]");

    Redactor denied = new Redactor(RedactionConfig.builder().addSensitiveKey("*status*").build());
    assertThat(denied.isAgentVocabulary("chatbot.turn.status")).isFalse();
    assertThat(RedactedAttributes.of(attributes, denied, RedactedAttributes.Bound.SPAN)
        .get(AttributeKey.stringKey("chatbot.turn.status"))).isEqualTo("[REDACTED]");

    Redactor patterned = new Redactor(RedactionConfig.builder().addPattern("ticket", "T-[0-9]+").build());
    assertThat(patterned.isAgentVocabulary("chatbot.turn.status")).isFalse();
    assertThat(RedactedAttributes.of(attributes, patterned, RedactedAttributes.Bound.SPAN)
        .get(AttributeKey.stringKey("chatbot.turn.status"))).isEqualTo("[REDACTED:email]");
  }
}
