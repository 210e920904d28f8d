package io.chatlens.instrumentation.core;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** One call of a woven method, from entry to exit. The token the advice hands back on exit. */
public final class Invocation {

  final Probe probe;
  final ComponentHandler handler;
  final Invocation parent;
  final long startNanos;
  /** The load-shedding level when the call started ({@link LoadShedding}): the one volatile read of the call. */
  final int shedding;
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
  /** The name of the span this call would have had, when load shedding left it out; a failure still records it. */
  String shedSpanName;
  /** The enclosing span of a call whose own span was shed: what its log events correlate with. */
  Span enclosing;
  /** What the call's handler keeps between entry and exit, under its key ({@link CallState}). */
  private CallState<?> stateKey;
  private Object stateValue;
  /** What the error recorder found about the exception this call threw, or {@code null}. */
  public @Nullable ErrorInfo error;
  /** Set by the error recorder when the error tracker wants the exception this call threw, once the call is done. */
  public boolean captureOnExit;

  Invocation(Probe probe, ComponentHandler handler, Invocation parent, Object self, Object[] args) {
    this.probe = probe;
    this.handler = handler;
    this.parent = parent;
    this.self = self;
    this.args = args;
    this.startNanos = System.nanoTime();
    this.shedding = LoadShedding.level();
  }

  /**
   * Whether load shedding keeps only the essential span attributes of this call ({@link LoadShedding#ESSENTIAL_KEYS}):
   * a handler then leaves out the others, and the work of computing them.
   */
  public boolean essentialAttributesOnly() {
    return shedding >= LoadShedding.ESSENTIAL_ATTRIBUTES;
  }

  /** The span log events of this call correlate with: its own, or the enclosing one when its own was shed. */
  Span correlationSpan() {
    return enclosing != null ? enclosing : span;
  }

  /** Keeps a value for this call's exit, under the handler's key (replacing what was kept before). */
  public <T> void put(CallState<T> key, T value) {
    stateKey = key;
    stateValue = value;
  }

  /** What was kept under this key for this call, or {@code null}. */
  public <T> @Nullable T get(CallState<T> key) {
    return stateKey == key ? key.cast(stateValue) : null;
  }

  public Probe probe() {
    return probe;
  }

  public Span span() {
    return span;
  }

  /** The conversation of the turn this call belongs to; {@code null} outside any turn. */
  public @Nullable ChatContext chat() {
    return chat;
  }

  /** The instance the method was called on; {@code null} for a static method. */
  public @Nullable Object self() {
    return self;
  }

  public Object[] args() {
    return args;
  }

  /** When the call started, on the epoch clock, for back-dated spans. */
  public long startEpochNanos() {
    return System.currentTimeMillis() * 1_000_000L - (System.nanoTime() - startNanos);
  }
}
