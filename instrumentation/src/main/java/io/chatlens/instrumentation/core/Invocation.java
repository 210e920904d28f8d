package io.chatlens.instrumentation.core;

import io.chatlens.instrumentation.errors.ErrorRecorder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** One call of a woven method, from entry to exit. The token the advice hands back on exit. */
public final class Invocation {

  final Probe probe;
  final ComponentHandler handler;
  final Invocation parent;
  final long startNanos;
  final Object self;
  final Object[] args;
  Span span;
  Scope scope;
  /** The thread's context before this call made its own current; restored at exit whatever happened inside. */
  Context before;
  boolean ownsSpan;
  String taggedSessionId;
  String taggedUserId;
  ChatContext chat;
  /** Handler-specific state. */
  public Object state;
  /** What the error recorder found about the exception this call threw, or {@code null}. */
  public ErrorRecorder.ErrorInfo error;
  /** Set by the error recorder when the error tracker wants the exception this call threw, once the call is done. */
  public boolean captureOnExit;

  Invocation(Probe probe, ComponentHandler handler, Invocation parent, Object self, Object[] args) {
    this.probe = probe;
    this.handler = handler;
    this.parent = parent;
    this.self = self;
    this.args = args;
    this.startNanos = System.nanoTime();
  }

  public Probe probe() {
    return probe;
  }

  public Span span() {
    return span;
  }

  public ChatContext chat() {
    return chat;
  }

  public Object self() {
    return self;
  }

  public Object[] args() {
    return args;
  }

  public long startNanos() {
    return startNanos;
  }

  /** When the call started, on the epoch clock, for back-dated spans. */
  public long startEpochNanos() {
    return System.currentTimeMillis() * 1_000_000L - (System.nanoTime() - startNanos);
  }
}
