package io.chatlens.instrumentation.core;

import io.chatlens.bootstrap.Dispatcher;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/** A span per probe hit. The baseline that component semantics refine. */
public final class SpanDispatcher implements Dispatcher {

  private final ProbeRegistry registry;
  private final Tracer tracer;

  public SpanDispatcher(OpenTelemetry openTelemetry, ProbeRegistry registry) {
    this.registry = registry;
    this.tracer = openTelemetry.getTracer("io.chatlens");
  }

  private record Token(Span span, Scope scope) {}

  @Override
  public Object onEnter(int probeId, Object self, Object[] args) {
    Probe probe = registry.get(probeId);
    if (probe == null) {
      return null;
    }
    Span span = tracer.spanBuilder(probe.simpleClassName() + "." + probe.methodName()).startSpan();
    return new Token(span, span.makeCurrent());
  }

  @Override
  public void onExit(Object token, Object returned, Throwable thrown) {
    Token t = (Token) token;
    t.scope().close();
    if (thrown != null) {
      t.span().recordException(thrown);
      t.span().setStatus(StatusCode.ERROR);
    }
    t.span().end();
  }
}
