package io.chatlens.instrumentation.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.core.ChatLensDispatcher;
import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.EventSink;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.ProbeRegistry;
import io.chatlens.instrumentation.core.Settings;
import io.chatlens.instrumentation.errors.ErrorCategorizer;
import io.chatlens.instrumentation.errors.ErrorFingerprint;
import io.chatlens.instrumentation.errors.ErrorRecorder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code chatlens.session.active-count} is the application's code, read on the metric thread. */
class SessionActiveCountTest {

  private final SdkTracerProvider tracing = SdkTracerProvider.builder().build();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(metrics).build();
  private final ProbeRegistry registry = new ProbeRegistry();
  private ChatLensDispatcher dispatcher;
  private int touch;

  @AfterEach
  void close() {
    tracing.close();
    meters.close();
  }

  /** A session manager that reports its own count. */
  public static final class Manager {
    public int activeCount() {
      return 42;
    }
  }

  /** A session manager that is a collection whose size() fails, as a closed lazy collection would. */
  public static final class BrokenManager extends AbstractList<String> {
    @Override
    public String get(int index) {
      throw new IndexOutOfBoundsException();
    }

    @Override
    public int size() {
      throw new IllegalStateException("closed");
    }
  }

  private void start(String accessor) {
    Instruments instruments = new Instruments(tracing.get("test"), meters.get("test"));
    Settings settings = new Settings();
    Events events = new Events(EventSink.NONE);
    ErrorRecorder errors = new ErrorRecorder(ErrorFingerprint.defaults(), ErrorCategorizer.defaults(), instruments,
        events, settings, ErrorRecorder.Destinations.defaults());
    Map<Component, ComponentHandler> handlers = new java.util.LinkedHashMap<>();
    handlers.put(Component.SESSION,
        new SessionHandler(instruments, events, settings, new SessionTable(1000, System::nanoTime),
            new SessionHandler.Options(null, null, Accessor.parse(accessor), null)));
    dispatcher = new ChatLensDispatcher(registry, instruments, errors, handlers);
    touch = registry.register(Component.SESSION, "com.acme.SessionManager", "touch", "(Ljava/lang/String;)V", null,
        "session", 1).id();
  }

  private void touch(Object manager, String sessionId) {
    dispatcher.onExit(dispatcher.onEnter(touch, manager, new Object[] {sessionId}), null, null);
  }

  private List<Long> activeSessions() {
    return metrics.collectAllMetrics().stream().filter(data -> data.getName().equals("chatbot.active_sessions"))
        .map(MetricData::getLongGaugeData).flatMap(data -> data.getPoints().stream()).map(LongPointData::getValue)
        .toList();
  }

  @Test
  void theApplicationsCountIsReported() {
    start("this.activeCount"); // a property: getActiveCount(), isActiveCount() or activeCount()
    touch(new Manager(), "s-1");

    assertThat(activeSessions()).containsExactly(42L);
    assertThat(dispatcher.faults()).isZero();
  }

  @Test
  void anAccessorThatThrowsOnTheMetricThreadFallsBackToTheTrackedSessionsAndIsCounted() {
    start("this.size()");
    BrokenManager manager = new BrokenManager();
    touch(manager, "s-1");
    touch(manager, "s-2");
    long before = dispatcher.faults();

    assertThat(activeSessions()).containsExactly(2L);
    assertThat(dispatcher.faults()).isEqualTo(before + 1);
    assertThat(activeSessions()).containsExactly(2L);
    assertThat(dispatcher.faults()).isEqualTo(before + 2);
  }
}
