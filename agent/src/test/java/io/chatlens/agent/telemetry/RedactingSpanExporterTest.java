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
}
