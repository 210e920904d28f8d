package io.chatlens.instrumentation.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.instrumentation.errors.ErrorCategorizer;
import io.chatlens.instrumentation.errors.ErrorFingerprint;
import io.chatlens.instrumentation.errors.ErrorRecorder;
import io.chatlens.instrumentation.search.SearchHandler;
import io.chatlens.instrumentation.session.SessionTable;
import io.chatlens.instrumentation.turn.TurnHandler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each load-shedding level records through the real dispatcher and handlers: events, span attributes and spans
 * shrink step by step, while metrics and error counts stay exact.
 */
class LoadSheddingTest {

  private static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("chatlens.component");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(metrics).build();
  private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
  private final ProbeRegistry registry = new ProbeRegistry();
  private ChatLensDispatcher dispatcher;
  private int turnProbe;
  private int searchProbe;

  @AfterEach
  void close() {
    LoadShedding.level(LoadShedding.NORMAL);
    tracing.close();
    meters.close();
  }

  private void start() {
    Instruments instruments = new Instruments(tracing.get("test"), meters.get("test"));
    EventSink sink = new EventSink() {
      @Override
      public void accept(ChatEvent event) {
        events.add(event);
      }

      @Override
      public boolean isEnabled(ChatEvent.Level level) {
        return true;
      }
    };
    Settings settings = new Settings();
    Events chatEvents = new Events(sink);
    ErrorRecorder errors = new ErrorRecorder(ErrorFingerprint.defaults(), ErrorCategorizer.defaults(), instruments,
        chatEvents, settings, ErrorRecorder.Destinations.defaults());
    Map<Component, ComponentHandler> handlers = new java.util.LinkedHashMap<>();
    handlers.put(Component.TURN, new TurnHandler(instruments, chatEvents, settings, new SessionTable(1000, System::nanoTime)));
    handlers.put(Component.SEARCH, new SearchHandler(instruments, chatEvents, settings));
    dispatcher = new ChatLensDispatcher(registry, instruments, errors, handlers);
    turnProbe = registry.register(Component.TURN, "com.acme.ChatService", "handle", "(Ljava/lang/String;)V", null,
        "turn", 2).id();
    searchProbe = registry.register(Component.SEARCH, "com.acme.SearchEngine", "search", "(Ljava/lang/String;)V",
        null, "search", 1).id();
  }

  /** One turn with one search; the search throws when asked to. */
  private void turn(String session, boolean searchFails) {
    Object turn = dispatcher.onEnter(turnProbe, null, new Object[] {session, "where is my parcel"});
    Object search = dispatcher.onEnter(searchProbe, null, new Object[] {"parcel"});
    RuntimeException failure = searchFails ? new IllegalStateException("index offline") : null;
    dispatcher.onExit(search, searchFails ? null : List.of("a", "b"), failure);
    dispatcher.onExit(turn, null, failure);
  }

  /** Three turns, the second of which fails. */
  private void traffic() {
    turn("s-1", false);
    turn("s-2", true);
    turn("s-3", false);
  }

  private long sum(String metric) {
    return metrics.collectAllMetrics().stream().filter(data -> data.getName().equals(metric))
        .map(MetricData::getLongSumData).flatMap(data -> data.getPoints().stream())
        .mapToLong(LongPointData::getValue).sum();
  }

  private List<SpanData> spansOf(String component) {
    return spans.getFinishedSpanItems().stream().filter(span -> component.equals(span.getAttributes().get(COMPONENT)))
        .toList();
  }

  private void assertExactMetrics() {
    assertThat(sum("chatbot.requests")).isEqualTo(3);
    assertThat(sum("chatbot.errors")).as("error counts stay exact").isEqualTo(1);
    assertThat(sum("chatbot.search.requests")).isEqualTo(3);
  }

  @Test
  void levelZeroRecordsEverything() {
    start();
    traffic();
    assertExactMetrics();
    assertThat(spansOf("turn")).hasSize(3);
    assertThat(spansOf("search")).hasSize(3).anySatisfy(span ->
        assertThat(span.getAttributes().get(AttributeKey.longKey("chatbot.search.results"))).isEqualTo(2L));
    assertThat(events).isNotEmpty().anySatisfy(event -> assertThat(event.level()).isEqualTo(ChatEvent.Level.INFO));
  }

  @Test
  void levelOneDropsDebugAndInfoEventsOnly() {
    start();
    LoadShedding.level(1);
    long shedBefore = LoadShedding.shedEvents();
    traffic();
    assertExactMetrics();
    assertThat(events).as("WARN and ERROR events are kept").isNotEmpty()
        .allSatisfy(event -> assertThat(event.level()).isIn(ChatEvent.Level.WARN, ChatEvent.Level.ERROR))
        .anySatisfy(event -> assertThat(event.message()).contains("index offline"));
    assertThat(LoadShedding.shedEvents() - shedBefore).as("the dropped events are counted").isPositive();
    assertThat(spansOf("search")).hasSize(3).anySatisfy(span ->
        assertThat(span.getAttributes().get(AttributeKey.longKey("chatbot.search.results"))).isEqualTo(2L));
  }

  @Test
  void levelTwoKeepsOnlyTheEssentialAttributes() {
    start();
    LoadShedding.level(2);
    traffic();
    assertExactMetrics();
    List<SpanData> all = spans.getFinishedSpanItems();
    assertThat(all).hasSize(6).allSatisfy(span -> span.getAttributes().forEach((key, value) ->
        assertThat(LoadShedding.ESSENTIAL_KEYS).as("attribute of " + span.getName()).contains(key.getKey())));
    assertThat(spansOf("turn")).hasSize(3).allSatisfy(span -> {
      assertThat(span.getAttributes().get(AttributeKey.stringKey("session.id"))).startsWith("s-");
      assertThat(span.getAttributes().get(AttributeKey.stringKey("chatbot.turn.status"))).isNotNull();
    });
    assertThat(spansOf("search")).filteredOn(span -> span.getStatus().getStatusCode().name().equals("ERROR"))
        .singleElement().satisfies(span -> {
          assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
              .isEqualTo("java.lang.IllegalStateException");
          assertThat(span.getEvents()).as("the exception event is kept").isNotEmpty();
        });
  }

  @Test
  void levelThreeKeepsTurnsAndFailedCallsOnly() {
    start();
    LoadShedding.level(3);
    long shedBefore = LoadShedding.shedSpans();
    traffic();
    assertExactMetrics();
    assertThat(spansOf("turn")).as("every turn keeps its span").hasSize(3);
    List<SpanData> searches = spansOf("search");
    assertThat(searches).as("only the failed search has a span").singleElement().satisfies(span -> {
      assertThat(span.getName()).isEqualTo("SearchEngine.search");
      assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
          .isEqualTo("java.lang.IllegalStateException");
      SpanData turn = spansOf("turn").stream().filter(candidate -> candidate.getTraceId().equals(span.getTraceId()))
          .findFirst().orElseThrow();
      assertThat(span.getParentSpanId()).as("child of its turn").isEqualTo(turn.getSpanId());
      assertThat(span.getStartEpochNanos()).as("back-dated to the call's start")
          .isLessThan(span.getEndEpochNanos()).isGreaterThanOrEqualTo(turn.getStartEpochNanos() - 5_000_000);
    });
    assertThat(LoadShedding.shedSpans() - shedBefore).isEqualTo(3);
    assertThat(events).filteredOn(event -> event.level() == ChatEvent.Level.ERROR).isNotEmpty()
        .allSatisfy(event -> assertThat(event.context()).containsKey("trace_id"));
  }

  @Test
  void theLevelIsReadOnceWhenACallStarts() {
    start();
    Object turn = dispatcher.onEnter(turnProbe, null, new Object[] {"s-1", "hello"});
    LoadShedding.level(3); // changes while the turn runs: this turn keeps level 0
    Object search = dispatcher.onEnter(searchProbe, null, new Object[] {"parcel"});
    dispatcher.onExit(search, List.of("a"), null);
    dispatcher.onExit(turn, null, null);
    assertThat(spansOf("search")).as("the search started at level 3").isEmpty();
    assertThat(spansOf("turn")).singleElement().satisfies(span ->
        assertThat(span.getAttributes().get(AttributeKey.longKey("chatbot.message.length"))).isEqualTo(5L));
    assertThat(events).filteredOn(event -> event.message().startsWith("Handled message")).as("the turn's INFO event")
        .hasSize(1);
  }
}
