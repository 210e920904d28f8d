package io.chatlens.instrumentation.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.instrumentation.accessor.Accessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A turn continues the trace of the message it handles when {@code chatlens.turn.parent} finds a traceparent. */
class TurnParentTest {

  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private static TurnParent.Source source(String accessor) {
    Accessor parent = Accessor.parse(accessor);
    return (self, args) -> parent.read(self, args, null);
  }

  private record Source(TurnParent.Source delegate) implements ComponentHandler, TurnParent.Source {
    @Override
    public Object parentCarrier(Object self, Object[] args) {
      return delegate.parentCarrier(self, args);
    }

    @Override
    public ProbeSemantics describe(Probe probe) {
      return null;
    }

    @Override
    public void onEnter(Invocation invocation) {}

    @Override
    public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {}
  }

  @Test
  void readsATraceparentString() {
    Context context = TurnParent.resolve(new Source(source("arg1")), Context.root(), null,
        new Object[] {"session", TRACEPARENT});

    assertThat(Span.fromContext(context).getSpanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(Span.fromContext(context).getSpanContext().isRemote()).isTrue();
  }

  @Test
  void readsAHeaderMapCaseInsensitivelyWithListValues() {
    Map<String, List<String>> headers = Map.of("TraceParent", List.of(TRACEPARENT));

    Context context = TurnParent.resolve(new Source(source("arg0")), Context.root(), null, new Object[] {headers});

    assertThat(Span.fromContext(context).getSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
  }

  @Test
  void withoutACarrierTheTurnStaysARoot() {
    Context context = TurnParent.resolve(new Source(source("arg3")), Context.root(), null, new Object[] {"x"});

    assertThat(Span.fromContext(context).getSpanContext().isValid()).isFalse();
  }
}
