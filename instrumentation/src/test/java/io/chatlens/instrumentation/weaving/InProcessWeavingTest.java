package io.chatlens.instrumentation.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chatlens.bootstrap.ChatLensBridge;
import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.ChatLensDispatcher;
import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.ProbeRegistry;
import io.chatlens.instrumentation.core.Settings;
import io.chatlens.instrumentation.errors.ErrorCategorizer;
import io.chatlens.instrumentation.errors.ErrorFingerprint;
import io.chatlens.instrumentation.errors.ErrorRecorder;
import io.chatlens.instrumentation.errors.ErrorsHandler;
import io.chatlens.instrumentation.matching.ComponentScope;
import io.chatlens.instrumentation.matching.MethodPattern;
import io.chatlens.instrumentation.parser.ParserHandler;
import io.chatlens.instrumentation.search.SearchHandler;
import io.chatlens.instrumentation.session.SessionTable;
import io.chatlens.instrumentation.turn.TurnHandler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The weaver, the dispatcher and the turn, parser and search handlers together in this JVM: the test attaches to
 * itself ({@link ByteBuddyAgent}), weaves the classes of {@code org.example.inproc} by pattern as they load, and reads
 * the spans and metrics from in-memory exporters. The separate-JVM smoke tests cover the same path through the agent
 * jar; this one fails within seconds of a change to the weaving, the advice or the dispatcher.
 */
class InProcessWeavingTest {

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static final InMemoryMetricReader METRICS = InMemoryMetricReader.create();
  private static final List<ChatEvent> EVENTS = Collections.synchronizedList(new ArrayList<>());
  private static final List<String> WOVEN = Collections.synchronizedList(new ArrayList<>());
  private static final List<Throwable> FAULTS = Collections.synchronizedList(new ArrayList<>());
  private static SdkTracerProvider tracing;
  private static SdkMeterProvider meters;
  private static Weaver weaver;

  @BeforeAll
  static void weaveTheShop() {
    Instrumentation instrumentation = ByteBuddyAgent.install();
    tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build();
    meters = SdkMeterProvider.builder().registerMetricReader(METRICS).build();
    Instruments instruments = new Instruments(tracing.get(Instruments.SCOPE), meters.get(Instruments.SCOPE));
    Settings settings = new Settings();
    settings.turnSessionId = Accessor.parse("arg0.session");
    settings.turnUserId = Accessor.parse("arg0.user");
    settings.turnMessage = Accessor.parse("arg0.text");
    settings.parserCommand = Accessor.parse("return.name");
    Events events = new Events(new io.chatlens.instrumentation.core.EventSink() {
      @Override
      public void accept(ChatEvent event) {
        EVENTS.add(event);
      }

      @Override
      public boolean isEnabled(ChatEvent.Level level) {
        return true;
      }
    });
    ErrorRecorder errors = new ErrorRecorder(ErrorFingerprint.defaults(), ErrorCategorizer.defaults(), instruments,
        events, settings, ErrorRecorder.Destinations.defaults());
    SessionTable sessions = new SessionTable(1_000, System::nanoTime);
    Map<Component, ComponentHandler> handlers = new EnumMap<>(Component.class);
    handlers.put(Component.TURN, new TurnHandler(instruments, events, settings, sessions));
    handlers.put(Component.PARSER, new ParserHandler(instruments, events, settings));
    handlers.put(Component.SEARCH, new SearchHandler(instruments, events, settings));
    handlers.put(Component.ERRORS, new ErrorsHandler(instruments, events, settings, errors));
    ProbeRegistry registry = new ProbeRegistry();
    List<WeavingScope> scopes = List.of(
        new ComponentScope(Component.TURN, MethodPattern.parse("org.example.inproc.ShopBot#handle"),
            "chatlens.instrument.turn", false),
        new ComponentScope(Component.PARSER, MethodPattern.parse("org.example.inproc.ShopParser#parse"),
            "chatlens.instrument.parser", false),
        new ComponentScope(Component.SEARCH, MethodPattern.parse("org.example.inproc.ShopSearch#search"),
            "chatlens.instrument.search", false));
    weaver = Weaver.install(instrumentation, scopes, new Exclusions(List.of()), registry, 10_000, new WeavingListener() {
      @Override
      public void onWoven(String className, List<Probe> probes) {
        WOVEN.add(className);
      }

      @Override
      public void onError(String className, Throwable fault) {
        FAULTS.add(fault);
      }

      @Override
      public void onWarning(String message) {
        FAULTS.add(new IllegalStateException(message));
      }
    });
    weaver.prepare();
    ChatLensBridge.install(new ChatLensDispatcher(registry, instruments, errors, handlers));
    weaver.activate();
  }

  @AfterAll
  static void unweave() {
    ChatLensBridge.install(null);
    weaver.uninstall();
    tracing.close();
    meters.close();
  }

  @BeforeEach
  void clear() {
    SPANS.reset();
  }

  private static Object call(String method, Object... args) throws Throwable {
    Class<?> driver = Class.forName("org.example.inproc.Driver");
    Class<?>[] types = new Class<?>[args.length];
    java.util.Arrays.fill(types, String.class);
    Method target = driver.getMethod(method, types);
    try {
      return target.invoke(null, args);
    } catch (InvocationTargetException thrown) {
      throw thrown.getCause();
    }
  }

  @Test
  void aTurnIsOneServerTraceWithItsParserAndSearchSpansAndItsAnswerIsUnchanged() throws Throwable {
    Object answer = call("turn", "conv-7", "alice", "find red shoes");

    assertThat(answer).isEqualTo("find:2");
    assertThat(FAULTS).isEmpty();
    assertThat(WOVEN).contains("org.example.inproc.ShopBot", "org.example.inproc.ShopParser",
        "org.example.inproc.ShopSearch").doesNotContain("org.example.inproc.Driver", "org.example.inproc.Ticket");
    List<SpanData> spans = SPANS.getFinishedSpanItems();
    assertThat(spans).isNotEmpty();
    SpanData turn = only(spans, "ShopBot.handle");
    assertThat(turn.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(turn.getParentSpanContext().isValid()).isFalse();
    assertThat(turn.getAttributes().get(AttributeKey.stringKey("session.id"))).isEqualTo("conv-7");
    assertThat(turn.getAttributes().get(AttributeKey.stringKey("user.id"))).isEqualTo("alice");
    assertThat(turn.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    for (String child : List.of("ShopParser.parse", "ShopSearch.search")) {
      SpanData span = only(spans, child);
      assertThat(span.getTraceId()).as(child).isEqualTo(turn.getTraceId());
      assertThat(span.getParentSpanId()).as(child).isEqualTo(turn.getSpanId());
      assertThat(span.getAttributes().get(AttributeKey.stringKey("session.id"))).as(child).isEqualTo("conv-7");
    }
    assertThat(only(spans, "ShopParser.parse").getAttributes().get(AttributeKey.stringKey("chatbot.command")))
        .isEqualTo("find");
  }

  @Test
  void aMethodNoPatternNamesIsNotTraced() throws Throwable {
    Object answer = call("other", "hello");

    assertThat(answer).isEqualTo("other hello");
    assertThat(SPANS.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void theApplicationsExceptionReachesItsCallerUnchangedAndFailsTheTurn() throws Throwable {
    Throwable thrown = catchThrowable(() -> call("turn", "conv-8", "bob", "boom now"));

    assertThat(thrown).isNotNull();
    assertThat(thrown.getClass().getName()).isEqualTo("org.example.inproc.ShopBot$ShopFailure");
    assertThat(thrown).hasMessage("the stock service is down for bob").hasNoCause();
    assertThat(thrown.getSuppressed()).isEmpty();
    assertThat(thrown.getStackTrace()[0].getClassName()).isEqualTo("org.example.inproc.ShopBot");
    SpanData turn = only(SPANS.getFinishedSpanItems(), "ShopBot.handle");
    assertThat(turn.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(turn.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("org.example.inproc.ShopBot$ShopFailure");
  }

  @Test
  void turnsAreCountedByStatus() throws Throwable {
    call("turn", "conv-9", "carol", "find tea");
    catchThrowable(() -> call("turn", "conv-9", "carol", "boom"));

    List<MetricData> metrics = new ArrayList<>(METRICS.collectAllMetrics());
    assertThat(metrics).isNotEmpty();
    MetricData requests = metrics.stream().filter(metric -> metric.getName().equals("chatbot.requests")).findFirst()
        .orElseThrow();
    List<LongPointData> points = new ArrayList<>(requests.getLongSumData().getPoints());
    assertThat(points).isNotEmpty();
    Map<String, Long> byStatus = new java.util.TreeMap<>();
    points.forEach(point -> byStatus.merge(point.getAttributes().get(AttributeKey.stringKey("status")),
        point.getValue(), Long::sum));
    assertThat(byStatus.get("success")).isGreaterThanOrEqualTo(1L);
    assertThat(byStatus.get("error")).isGreaterThanOrEqualTo(1L);
  }

  private static SpanData only(List<SpanData> spans, String name) {
    List<SpanData> named = spans.stream().filter(span -> span.getName().equals(name)).toList();
    assertThat(named).as("spans named " + name + " among " + spans.stream().map(SpanData::getName).toList())
        .hasSize(1);
    return named.get(0);
  }
}
