package io.chatlens.instrumentation.session;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a cleanup method returns is the application's: the agent reads the session ids only from a JDK collection,
 * an array or an {@code Optional}, at most {@link SessionHandler#MAX_CLEANUP_ELEMENTS} of them, and never iterates
 * or calls into a lazy or one-shot collection.
 */
class SessionCleanupTest {

  private final SdkTracerProvider tracing = SdkTracerProvider.builder().build();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(metrics).build();
  private final ProbeRegistry registry = new ProbeRegistry();
  private final SessionTable table = new SessionTable(10_000, System::nanoTime);
  private SessionHandler handler;
  private ChatLensDispatcher dispatcher;
  private int open;
  private int retire;

  /** A lazy collection as an ORM returns it (Hibernate's PersistentBag): every read would run a query. */
  static final class LazyBag extends AbstractList<String> {
    final AtomicInteger reads = new AtomicInteger();
    private final List<String> rows;

    LazyBag(List<String> rows) {
      this.rows = rows;
    }

    @Override
    public String get(int index) {
      reads.incrementAndGet();
      return rows.get(index);
    }

    @Override
    public int size() {
      reads.incrementAndGet();
      return rows.size();
    }

    @Override
    public Iterator<String> iterator() {
      reads.incrementAndGet();
      return super.iterator();
    }
  }

  @BeforeEach
  void start() {
    Instruments instruments = new Instruments(tracing.get("test"), meters.get("test"));
    Settings settings = new Settings();
    Events events = new Events(EventSink.NONE);
    ErrorRecorder errors = new ErrorRecorder(ErrorFingerprint.defaults(), ErrorCategorizer.defaults(), instruments,
        events, settings, ErrorRecorder.Destinations.defaults());
    Map<Component, ComponentHandler> handlers = new java.util.LinkedHashMap<>();
    handler = new SessionHandler(instruments, events, settings, table);
    handlers.put(Component.SESSION, handler);
    dispatcher = new ChatLensDispatcher(registry, instruments, errors, handlers);
    open = registry.register(Component.SESSION, "com.acme.SessionManager", "open", "()Ljava/lang/String;",
        SessionRoles.CREATE, "session", 0).id();
    retire = registry.register(Component.SESSION, "com.acme.SessionManager", "retire", "()Ljava/lang/Object;",
        SessionRoles.CLEANUP, "session", 0).id();
  }

  @AfterEach
  void close() {
    tracing.close();
    meters.close();
  }

  private void open(String sessionId) {
    dispatcher.onExit(dispatcher.onEnter(open, this, new Object[0]), sessionId, null);
  }

  private void retire(Object returned) {
    dispatcher.onExit(dispatcher.onEnter(retire, this, new Object[0]), returned, null);
  }

  @Test
  void aLazyCollectionReturnedByACleanupIsNeverIteratedNorSized() {
    open("s-1");
    open("s-2");
    LazyBag bag = new LazyBag(List.of("s-1", "s-2"));

    retire(bag);

    assertThat(bag.reads).as("reads of the application's lazy collection").hasValue(0);
    assertThat(table.size()).as("its sessions stay tracked (idle timeout or eviction ends them)").isEqualTo(2);
    assertThat(handler.unreadCleanups()).isEqualTo(1);
    assertThat(dispatcher.faults()).isZero();
  }

  @Test
  void aOneShotIterableIsNeverConsumed() {
    open("s-1");
    AtomicInteger iterations = new AtomicInteger();
    Iterable<String> cursor = () -> {
      iterations.incrementAndGet();
      return List.of("s-1").iterator();
    };

    retire(cursor);

    assertThat(iterations).hasValue(0);
    assertThat(table.size()).isEqualTo(1);
    assertThat(handler.unreadCleanups()).isEqualTo(1);
  }

  @Test
  void jdkCollectionsArraysAndOptionalsEndTheSessionsTheyName() {
    for (String id : List.of("a", "b", "c", "d", "e")) {
      open(id);
    }

    retire(new ArrayList<>(List.of("a")));
    retire(List.of("b"));
    retire(new Object[] {"c"});
    retire(Optional.of("d"));

    assertThat(table.size()).as("only e is left").isEqualTo(1);
    assertThat(table.ended("e")).isNotNull();
    assertThat(handler.unreadCleanups()).isZero();
  }

  @Test
  void atMostABoundedNumberOfElementsIsRead() {
    int sessions = SessionHandler.MAX_CLEANUP_ELEMENTS * 3;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      ids.add("s-" + i);
      open("s-" + i);
    }
    assertThat(table.size()).isEqualTo(sessions);

    retire(ids);

    assertThat(table.size()).isEqualTo(sessions - SessionHandler.MAX_CLEANUP_ELEMENTS);
    assertThat(table.ended("s-0")).as("the first elements were read").isNull();
    assertThat(table.ended("s-" + (sessions - 1))).as("the last were not").isNotNull();
  }
}
