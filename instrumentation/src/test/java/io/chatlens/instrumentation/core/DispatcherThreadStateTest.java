package io.chatlens.instrumentation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chatlens.instrumentation.errors.ErrorCategorizer;
import io.chatlens.instrumentation.errors.ErrorFingerprint;
import io.chatlens.instrumentation.errors.ErrorRecorder;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whatever strikes inside the agent, the thread's context and current invocation are restored. */
class DispatcherThreadStateTest {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final ProbeRegistry registry = new ProbeRegistry();
  private boolean overflowOnEnter;

  @AfterEach
  void close() {
    tracing.close();
  }

  private ChatLensDispatcher dispatcher() {
    Instruments instruments = new Instruments(tracing.get("test"), io.opentelemetry.api.OpenTelemetry.noop()
        .getMeter("test"));
    Settings settings = new Settings();
    ErrorRecorder errors = new ErrorRecorder(ErrorFingerprint.defaults(), ErrorCategorizer.defaults(), instruments,
        new Events(EventSink.NONE), settings, ErrorRecorder.Destinations.defaults());
    Map<Component, ComponentHandler> handlers = new java.util.LinkedHashMap<>();
    ComponentHandler handler = new ComponentHandler() {
      @Override
      public ProbeSemantics describe(Probe probe) {
        return new ProbeSemantics(probe.simpleClassName() + "." + probe.methodName(), SpanKind.INTERNAL,
            Attributes.empty(), probe.methodName());
      }

      @Override
      public void onEnter(Invocation invocation) {
        if (overflowOnEnter) {
          throw new StackOverflowError();
        }
      }

      @Override
      public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {}
    };
    handlers.put(Component.SEARCH, handler);
    handlers.put(Component.SESSION, new ComponentHandler() {
      @Override
      public ProbeSemantics describe(Probe probe) {
        return handler.describe(probe);
      }

      @Override
      public String spanName(Invocation invocation, ProbeSemantics semantics) {
        return null; // a call that records no span of its own
      }

      @Override
      public void onEnter(Invocation invocation) {}

      @Override
      public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {}
    });
    handlers.put(Component.DATABASE, handler);
    return new ChatLensDispatcher(registry, instruments, errors, handlers);
  }

  private int probe(String method) {
    return probe(Component.SEARCH, method);
  }

  private int probe(Component component, String method) {
    return registry.register(component, "com.acme.Index", method, "()V", null, component.key(), 0).id();
  }

  @Test
  void anErrorDuringEntryLeavesNothingBehindOnTheThread() {
    ChatLensDispatcher dispatcher = dispatcher();
    Context before = Context.current();
    overflowOnEnter = true;

    Throwable thrown = catchThrowable(() -> dispatcher.onEnter(probe("search"), null, new Object[0]));

    assertThat(thrown).isInstanceOf(StackOverflowError.class);
    assertThat(Context.current()).isSameAs(before);
    assertThat(spans.getFinishedSpanItems()).as("the span it started is ended").hasSize(1);
    overflowOnEnter = false;
    Object next = dispatcher.onEnter(probe("lookup"), null, new Object[0]);
    dispatcher.onExit(next, null, null);
    assertThat(spans.getFinishedSpanItems()).hasSize(2);
    assertThat(spans.getFinishedSpanItems().get(1).getParentSpanContext().isValid())
        .as("the next span is not a child of the failed one").isFalse();
    assertThat(Context.current()).isSameAs(before);
  }

  @Test
  void anOuterExitHealsAnInnerCallWhoseExitNeverRan() {
    ChatLensDispatcher dispatcher = dispatcher();
    Context before = Context.current();
    Object outer = dispatcher.onEnter(probe("search"), null, new Object[0]);
    Object inner = dispatcher.onEnter(probe(Component.DATABASE, "load"), null, new Object[0]);
    assertThat(inner).isNotNull(); // its exit advice never runs (a StackOverflowError)
    assertThat(Context.current()).isNotSameAs(before);

    dispatcher.onExit(outer, null, new StackOverflowError());

    assertThat(Context.current()).isSameAs(before);
    Object later = dispatcher.onEnter(probe("find"), null, new Object[0]);
    assertThat(later).as("not taken for a re-entrant call of a stale invocation").isNotNull();
    dispatcher.onExit(later, null, null);
    assertThat(spans.getFinishedSpanItems()).isNotEmpty()
        .filteredOn(span -> span.getName().endsWith(".find")).singleElement()
        .satisfies(span -> assertThat(span.getParentSpanContext().isValid()).isFalse());
    assertThat(Context.current()).isSameAs(before);
  }

  @Test
  void anOuterCallWithoutASpanHealsAnInnerCallWhoseExitNeverRan() {
    ChatLensDispatcher dispatcher = dispatcher();
    Context before = Context.current();
    Object outer = dispatcher.onEnter(probe(Component.SESSION, "touch"), null, new Object[0]);
    Object inner = dispatcher.onEnter(probe(Component.DATABASE, "load"), null, new Object[0]);
    assertThat(outer).isNotNull();
    assertThat(inner).isNotNull(); // its exit advice never runs
    assertThat(Context.current()).isNotSameAs(before);

    dispatcher.onExit(outer, null, null);

    assertThat(Context.current()).as("the inner call's scope is not left current").isSameAs(before);
    assertThat(spans.getFinishedSpanItems()).as("the inner span is ended").hasSize(1);
    Object later = dispatcher.onEnter(probe("find"), null, new Object[0]);
    dispatcher.onExit(later, null, null);
    assertThat(spans.getFinishedSpanItems()).hasSize(2)
        .filteredOn(span -> span.getName().endsWith(".find")).singleElement()
        .satisfies(span -> assertThat(span.getParentSpanContext().isValid()).isFalse());
  }

  @Test
  void aTopLevelCallWhoseExitFailedToRunIsUndoneByTheBridge() {
    ChatLensDispatcher dispatcher = dispatcher();
    Context before = Context.current();
    Object top = dispatcher.onEnter(probe("search"), null, new Object[0]);
    assertThat(Context.current()).isNotSameAs(before);

    dispatcher.onExitLost(top); // what ChatLensBridge.exit does when onExit itself failed

    assertThat(Context.current()).isSameAs(before);
    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    Object next = dispatcher.onEnter(probe("search"), null, new Object[0]);
    assertThat(next).as("the same component is not taken for a re-entrant call of the lost one").isNotNull();
    dispatcher.onExit(next, null, null);
    dispatcher.onExitLost(next); // after a completed exit: nothing to undo, nothing ended twice
    assertThat(spans.getFinishedSpanItems()).hasSize(2);
    assertThat(Context.current()).isSameAs(before);
  }
}
