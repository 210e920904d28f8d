package io.chatlens.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.instrumentation.core.ChatEvent;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogExportTest {

  private static final Map<String, String> IN_A_SPAN = Map.of("session_id", "s-1",
      "trace_id", "0af7651916cd43dd8448eb211c80319c", "span_id", "b7ad6b7169203331");

  private final InMemoryLogRecordExporter exported = InMemoryLogRecordExporter.create();
  private final SdkLoggerProvider provider =
      SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(exported)).build();

  @AfterEach
  void close() {
    provider.close();
  }

  private static ChatEvent event(ChatEvent.Level level, String module, Map<String, String> context, boolean audit) {
    return new ChatEvent(1_700_000_000_000L, level, module, "handle", "Handled message in 3 ms", context, null, audit);
  }

  private List<String> bodiesAfter(boolean spanEvents, ChatEvent... events) {
    LogExport export = new LogExport(provider, spanEvents);
    for (ChatEvent event : events) {
      export.accept(event);
    }
    return exported.getFinishedLogRecordItems().stream().map(LogRecordData::getBodyValue)
        .map(value -> value.getValue() + "/" + value.getType()).toList();
  }

  @Test
  void infoEventsThatRepeatTheirSpanAreNotExportedByDefault() {
    List<String> bodies = bodiesAfter(false,
        event(ChatEvent.Level.INFO, "chat_service", IN_A_SPAN, false),
        event(ChatEvent.Level.DEBUG, "session_manager", IN_A_SPAN, false),
        event(ChatEvent.Level.WARN, "database_manager", IN_A_SPAN, false),
        event(ChatEvent.Level.INFO, "session_manager", IN_A_SPAN, true),
        event(ChatEvent.Level.INFO, "chat_service", Map.of("session_id", "s-1"), false),
        event(ChatEvent.Level.INFO, "chatlens_agent", IN_A_SPAN, false));

    assertThat(bodies).as("WARN, audit, outside a span, the agent's own").hasSize(4);
    assertThat(exported.getFinishedLogRecordItems()).extracting(record -> record.getSeverityText())
        .containsExactly("WARN", "INFO", "INFO", "INFO");
  }

  @Test
  void everyEventIsExportedWhenSpanEventsAreOn() {
    List<String> bodies = bodiesAfter(true,
        event(ChatEvent.Level.INFO, "chat_service", IN_A_SPAN, false),
        event(ChatEvent.Level.DEBUG, "session_manager", IN_A_SPAN, false));

    assertThat(bodies).hasSize(2);
  }

  @Test
  void echoesOnlyLowLevelComponentEventsInsideASpan() {
    assertThat(LogExport.echoesItsSpan(event(ChatEvent.Level.INFO, "search_engine", IN_A_SPAN, false))).isTrue();
    assertThat(LogExport.echoesItsSpan(event(ChatEvent.Level.ERROR, "search_engine", IN_A_SPAN, false))).isFalse();
    assertThat(LogExport.echoesItsSpan(event(ChatEvent.Level.INFO, "alerts", IN_A_SPAN, false))).isFalse();
    assertThat(LogExport.echoesItsSpan(event(ChatEvent.Level.INFO, "search_engine", null, false))).isFalse();
  }
}
