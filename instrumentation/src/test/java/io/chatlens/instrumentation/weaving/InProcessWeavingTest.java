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
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.llm.LlmUnit;
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
    Map<Component, ComponentHandler> handlers = new java.util.LinkedHashMap<>();
    handlers.put(Component.TURN, new TurnHandler(instruments, events, settings, sessions, new TurnHandler.Options("/chat",
        Accessor.parse("arg0.session"), Accessor.parse("arg0.user"), Accessor.parse("arg0.text"), null, false)));
    handlers.put(Component.PARSER, new ParserHandler(instruments, events, settings,
        new ParserHandler.Options(Accessor.parse("return.name"), 50)));
    handlers.put(Component.SEARCH, new SearchHandler(instruments, events, settings));
    handlers.put(Component.ERRORS, new ErrorsHandler(instruments, events, settings, errors));
    // the llm unit builds its handler from a unit context, as the agent does; its keys keep their defaults but the
    // price table, given here as the configuration would
    LlmUnit llm = new LlmUnit();
    settings.redactor = text -> text.replace("4111 1111 1111 1111", "[REDACTED:card]");
    handlers.put(llm.component(), llm.handler(new UnitContext(instruments, events, settings,
        io.opentelemetry.api.OpenTelemetry.noop(), () -> 0).values(key -> switch (key.name()) {
          case "chatlens.llm.prices" -> key.parse("shop-model=1.00/2.00");
          case "chatlens.capture.llm-content" -> key.parse("true");
          default -> key.parse(null);
        })));
    ProbeRegistry registry = new ProbeRegistry();
    List<WeavingScope> scopes = List.of(
        new ComponentScope(Component.TURN, MethodPattern.parse("org.example.inproc.ShopBot#handle"),
            "chatlens.instrument.turn", false),
        new ComponentScope(Component.PARSER, MethodPattern.parse("org.example.inproc.ShopParser#parse"),
            "chatlens.instrument.parser", false),
        new ComponentScope(Component.SEARCH, MethodPattern.parse("org.example.inproc.ShopSearch#search"),
            "chatlens.instrument.search", false),
        new ComponentScope(LlmUnit.COMPONENT, MethodPattern.parse("org.example.inproc.ShopLlm#doChat"),
            "chatlens.instrument.llm", false),
        new ComponentScope(LlmUnit.COMPONENT, MethodPattern.parse("org.example.inproc.SpringChat#call"),
            "chatlens.instrument.llm", false));
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
  void anLlmCallIsAGenAiClientSpanWithItsTokensAndCostAndItsAnswerIsUnchanged() throws Throwable {
    Object answer = call("llm", "shop-model", "which shoes are red");

    assertThat(answer).isEqualTo("answer to which shoes are red (7)");
    assertThat(FAULTS).isEmpty();
    SpanData span = only(SPANS.getFinishedSpanItems(), "chat shop-model");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("shop");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("shop-model");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")))
        .isEqualTo("shop-model-2025-01-01");
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(12L);
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(7L);
    assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly("stop");
    // 12 x 1.00 + 7 x 2.00 per million tokens
    assertThat(span.getAttributes().get(AttributeKey.doubleKey("chatbot.llm.cost"))).isCloseTo(26e-6,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
        .as("content capture is on, but this request is neither a String nor a JDK list of messages").isNull();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages"))).isNull();
    assertThat(EVENTS).anySatisfy(event -> assertThat(event.message())
        .startsWith("LLM chat shop-model-2025-01-01 answered in").contains("12 input + 7 output tokens"));
    List<MetricData> metrics = METRICS.collectAllMetrics().stream()
        .filter(metric -> metric.getName().startsWith("gen_ai.") || metric.getName().equals("chatbot.llm.cost")).toList();
    assertThat(metrics).extracting(MetricData::getName).contains("gen_ai.client.operation.duration",
        "gen_ai.client.token.usage", "chatbot.llm.cost");
  }

  @Test
  void aFailedLlmCallThrowsTheApplicationsExceptionUnchangedAndIsCountedWithItsType() throws Throwable {
    Throwable thrown = catchThrowable(() -> call("llm", "shop-model", "please fail"));

    assertThat(thrown).isNotNull();
    assertThat(thrown.getClass().getName()).isEqualTo("org.example.inproc.ShopLlm$ModelDown");
    assertThat(thrown).hasMessage("the model is overloaded").hasNoCause();
    assertThat(thrown.getStackTrace()[0].getClassName()).isEqualTo("org.example.inproc.ShopLlm");
    SpanData span = only(SPANS.getFinishedSpanItems(), "chat shop-model");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isNull();
    assertThat(METRICS.collectAllMetrics()).anySatisfy(metric -> {
      assertThat(metric.getName()).isEqualTo("gen_ai.client.operation.duration");
      assertThat(metric.getHistogramData().getPoints()).anySatisfy(point -> assertThat(point.getAttributes()
          .get(AttributeKey.stringKey("error.type"))).isEqualTo("org.example.inproc.ShopLlm$ModelDown"));
    });
  }

  @Test
  void aSpringAiShapedCallIsReadThroughTheDefaultValuePathsAndItsContentIsRedacted() throws Throwable {
    Object answer = call("spring", "hello there");

    assertThat(answer).isEqualTo("spring answer to hello there, card 4111 1111 1111 1111");
    SpanData span = only(SPANS.getFinishedSpanItems(), "chat spring-model");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("spring");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("spring-model-v2");
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(5L);
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(11L);
    assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly("stop");
    assertThat(span.getAttributes().get(AttributeKey.doubleKey("chatbot.llm.cost"))).as("no price for it").isNull();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages"))).contains("hello there");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")))
        .contains("\"role\":\"assistant\"").contains("[REDACTED:card]").doesNotContain("4111")
        .contains("\"finish_reason\":\"stop\"");
  }

  @Test
  void aTurnWithLlmCallsReportsTheirTokensAndCost() throws Throwable {
    EVENTS.clear();
    Object answer = call("turn", "conv-9", "carol", "ask where is my order");

    assertThat(answer).isEqualTo("ask:answer to rephrase answer to where is my order");
    List<SpanData> spans = SPANS.getFinishedSpanItems();
    SpanData turn = only(spans, "ShopBot.handle");
    List<SpanData> calls = spans.stream().filter(span -> span.getName().equals("chat shop-model")).toList();
    assertThat(calls).hasSize(2).allSatisfy(call -> assertThat(call.getParentSpanId()).isEqualTo(turn.getSpanId()));
    // 4 words x 3 + 7, then 7 words x 3 + 7 tokens; cost (12 + 21) x 1.00 + 14 x 2.00 per million
    assertThat(turn.getAttributes().get(AttributeKey.longKey("chatbot.turn.llm_tokens"))).isEqualTo(47L);
    assertThat(turn.getAttributes().get(AttributeKey.doubleKey("chatbot.turn.llm_cost"))).isCloseTo(61e-6,
        org.assertj.core.data.Offset.offset(1e-12));
    List<ChatEvent> handled = EVENTS.stream().filter(event -> event.message().startsWith("Handled message")).toList();
    assertThat(handled).hasSize(1);
    assertThat(handled.get(0).message()).isEqualTo(handled.get(0).message().replaceAll("llm_.*", ""))
        .doesNotContain("token");
    assertThat(handled.get(0).context()).containsEntry("llm_tokens", "47").containsEntry("llm_cost", "0.000061");
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
