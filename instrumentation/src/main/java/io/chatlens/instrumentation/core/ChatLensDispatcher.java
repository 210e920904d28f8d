package io.chatlens.instrumentation.core;

import io.chatlens.bootstrap.Dispatcher;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives every probe hit from the bootstrap bridge and turns it into a span, metrics and a log event
 * through the {@link ComponentHandler} of the probe's component.
 *
 * <ul>
 *   <li>A call of a component made while the same component is already active on this thread (a
 *       re-entrant call, a wrapper or pool proxy calling its delegate) records nothing.
 *   <li>A turn starts a {@link ChatContext}; nested components read and fill it.
 *   <li>An exception leaving a woven method is recorded by the errors component ({@link ThrownErrors}) and propagates
 *       unchanged; a fault inside a handler is counted and never reaches the application.
 * </ul>
 */
public final class ChatLensDispatcher implements Dispatcher {

  private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

  private final ProbeRegistry registry;
  private final Instruments instruments;
  private final ThrownErrors errors;
  private final ComponentHandler[] handlers = new ComponentHandler[Component.MAX];
  private final AtomicLong faults = new AtomicLong();
  private final AtomicLong inFlightTurns = new AtomicLong();
  /** Set before the dispatcher is installed in the bridge (which publishes it). */
  private java.util.function.UnaryOperator<Object> mdcRewriter = java.util.function.UnaryOperator.identity();

  public ChatLensDispatcher(ProbeRegistry registry, Instruments instruments, ThrownErrors errors,
      Map<Component, ComponentHandler> handlers) {
    this.registry = registry;
    this.instruments = instruments;
    this.errors = errors;
    for (Map.Entry<Component, ComponentHandler> entry : handlers.entrySet()) {
      this.handlers[entry.getKey().ordinal()] = entry.getValue();
    }
  }

  /** Turns currently being handled: the "commands in flight" part of queue length. */
  public long inFlightTurns() {
    return inFlightTurns.get();
  }

  /** Faults raised by handlers and swallowed, in calls and in their metric callbacks. */
  public long faults() {
    long total = faults.get();
    for (ComponentHandler handler : handlers) {
      if (handler != null) {
        total += handler.callbackFaults();
      }
    }
    return total;
  }

  @Override
  public Object onEnter(int probeId, Object self, Object[] args) {
    Probe probe = registry.get(probeId);
    if (probe == null) {
      return null;
    }
    Invocation parent = CURRENT.get();
    if (parent != null && parent.probe.reentrancyGroup() == probe.reentrancyGroup()) {
      return null;
    }
    ComponentHandler handler = handlers[probe.component().ordinal()];
    if (handler == null) {
      return null;
    }
    ProbeSemantics semantics = semanticsOf(probe, handler);
    Context parentContext = Context.current();
    ChatContext chat = parentContext.get(ChatContext.KEY);
    boolean turn = probe.component().has(Component.Trait.TURN_ROOT);
    if (turn) {
      parentContext = TurnParent.resolve(handler, parentContext, self, args);
      if (chat == null) {
        chat = new ChatContext();
      }
    }
    Invocation invocation = new Invocation(probe, handler, parent, self, args);
    invocation.chat = chat;
    String spanName = handler.spanName(invocation, semantics);
    if (spanName != null && invocation.shedding >= LoadShedding.ESSENTIAL_SPANS && shedsSpanOf(probe)) {
      // load shedding: no span unless the call fails (then it gets one at exit, back-dated); the handler's
      // attributes go nowhere, its events correlate with the enclosing span
      LoadShedding.spanShed();
      invocation.shedSpanName = spanName;
      invocation.enclosing = Span.fromContext(parentContext);
      invocation.span = Span.getInvalid();
      invocation.ownsSpan = false;
      try {
        handler.onEnter(invocation);
      } catch (RuntimeException fault) {
        faults.incrementAndGet();
      }
      CURRENT.set(invocation);
      return invocation;
    }
    if (spanName == null) {
      invocation.span = Span.fromContext(parentContext);
      invocation.ownsSpan = false;
      invocation.before = Context.current(); // what its exit puts back if an inner call's exit never ran
      try {
        handler.onEnter(invocation);
      } catch (RuntimeException fault) {
        faults.incrementAndGet();
      }
      CURRENT.set(invocation);
      return invocation;
    }
    SpanKind kind = semantics.kind();
    io.opentelemetry.api.trace.SpanContext parentSpan = Span.fromContext(parentContext).getSpanContext();
    if (turn && parentSpan.isValid() && !parentSpan.isRemote()) {
      // inside a span of this process (an HTTP server span, say): the turn is a step of it. A remote parent
      // (a traceparent the turn continues) leaves the turn the SERVER span of this process.
      kind = SpanKind.INTERNAL;
    }
    boolean essentialOnly = invocation.essentialAttributesOnly();
    SpanBuilder builder = instruments.tracer.spanBuilder(spanName).setParent(parentContext).setSpanKind(kind)
        .setAllAttributes(essentialOnly ? semantics.essentialAttributes() : semantics.attributes());
    if (!essentialOnly) {
      try {
        handler.startAttributes(invocation, builder);
      } catch (RuntimeException fault) {
        faults.incrementAndGet();
      }
    }
    invocation.span = builder.startSpan();
    invocation.ownsSpan = true;
    boolean counted = false;
    try {
      try {
        handler.onEnter(invocation);
        tagIdentity(invocation);
      } catch (RuntimeException fault) {
        faults.incrementAndGet();
      }
      Context context = parentContext.with(invocation.span);
      if (turn) {
        context = context.with(ChatContext.KEY, chat);
        inFlightTurns.incrementAndGet();
        counted = true;
      }
      invocation.before = Context.current();
      invocation.scope = context.makeCurrent();
      CURRENT.set(invocation);
      return invocation;
    } catch (Throwable failure) {
      // an Error (a StackOverflowError, say) half way: no exit will come for this call, so nothing it started may
      // stay behind on the thread: not its scope, not the current invocation, not its span, not the turn count
      undoEnter(invocation, counted);
      throw failure;
    }
  }

  /**
   * Calls inside this one whose exit never ran (an Error struck in their exit advice): their spans are ended here
   * and their turns no longer count as in flight. Bounded by the nesting depth.
   */
  private boolean abandonInnerCalls(Invocation invocation) {
    Invocation stale = CURRENT.get();
    boolean found = false;
    for (int depth = 0; stale != null && stale != invocation && depth < 1000; depth++) {
      found = true;
      if (stale.ownsSpan) {
        stale.ownsSpan = false;
        if (stale.probe.component().has(Component.Trait.TURN_ROOT)) {
          inFlightTurns.decrementAndGet();
        }
        stale.span.end();
      }
      stale = stale.parent;
    }
    return found;
  }

  /**
   * Closes this call's scope. OpenTelemetry ignores the close of a scope that is not the current one, which is what
   * an inner call whose exit never ran leaves behind; the context from before this call is then put back directly,
   * so no later span of the thread gets a wrong parent.
   */
  private static void restoreContext(Invocation invocation, boolean innerCallsAbandoned) {
    if (invocation.scope == null) {
      // A call without a span of its own made nothing current; but an inner call whose exit never ran left its
      // scope current: put back what was current when this call began.
      if (innerCallsAbandoned && invocation.before != null && Context.current() != invocation.before) {
        @SuppressWarnings({"resource", "MustBeClosedChecker"})
        io.opentelemetry.context.Scope forced = invocation.before.makeCurrent(); // left open: the restored state
      }
      return;
    }
    invocation.scope.close();
    invocation.scope = null;
    if (invocation.before != null && Context.current() != invocation.before) {
      @SuppressWarnings({"resource", "MustBeClosedChecker"})
      io.opentelemetry.context.Scope forced = invocation.before.makeCurrent(); // left open: it is the restored state
    }
  }

  private void undoEnter(Invocation invocation, boolean counted) {
    try {
      if (invocation.scope != null) {
        invocation.scope.close();
        invocation.scope = null;
      }
    } finally {
      CURRENT.set(invocation.parent);
      if (counted) {
        inFlightTurns.decrementAndGet();
      }
      invocation.span.end();
    }
  }

  @Override
  public void onExit(Object token, Object returned, Throwable thrown) {
    Invocation invocation = (Invocation) token;
    try {
      long duration = System.nanoTime() - invocation.startNanos;
      if (thrown != null) {
        if (!invocation.ownsSpan) {
          Span failure = invocation.handler.failureSpan(invocation, thrown);
          if (failure == null && invocation.shedSpanName != null) {
            failure = shedFailureSpan(invocation);
          }
          if (failure != null) {
            invocation.span = failure;
            invocation.ownsSpan = true;
            invocation.enclosing = null;
          }
        }
        invocation.error = errors.thrown(invocation, thrown);
      }
      invocation.handler.onExit(invocation, returned, thrown, duration);
      if (invocation.captureOnExit) {
        errors.captureThrown(invocation, thrown); // after the handler: the parser has named a rejected command
      }
      if (invocation.ownsSpan) {
        tagIdentity(invocation);
      }
    } catch (RuntimeException fault) {
      faults.incrementAndGet();
    } finally {
      // the thread's state first, each step even if the one before fails: an Error here must not leave this call's
      // context current for every later span of the thread. (An outer call's exit heals an inner one whose exit
      // never ran: closing its scope restores the context from before it, and it resets the current invocation.)
      try {
        restoreContext(invocation, abandonInnerCalls(invocation));
      } finally {
        CURRENT.set(invocation.parent);
        if (invocation.probe.component().has(Component.Trait.TURN_ROOT)) {
          inFlightTurns.decrementAndGet();
        }
        if (invocation.ownsSpan) {
          invocation.span.end();
        }
      }
    }
  }

  /**
   * The exit of a call failed before {@link #onExit} could run (a StackOverflowError as it was called): only the
   * thread's state is put back, with as little stack as possible. Nothing is recorded for the call but its span's end.
   */
  @Override
  public void onExitLost(Object token) {
    Invocation invocation = (Invocation) token;
    if (CURRENT.get() != invocation && !isOnThread(invocation)) {
      return; // onExit ran (or an outer exit healed this call): nothing left behind
    }
    try {
      restoreContext(invocation, abandonInnerCalls(invocation));
    } finally {
      CURRENT.set(invocation.parent);
      if (invocation.probe.component().has(Component.Trait.TURN_ROOT)) {
        inFlightTurns.decrementAndGet();
      }
      if (invocation.ownsSpan) {
        invocation.ownsSpan = false;
        invocation.span.end();
      }
    }
  }

  /** Whether the invocation is still on this thread's chain of current invocations. */
  private static boolean isOnThread(Invocation invocation) {
    Invocation current = CURRENT.get();
    for (int depth = 0; current != null && depth < 1000; depth++) {
      if (current == invocation) {
        return true;
      }
      current = current.parent;
    }
    return false;
  }

  @Override
  public void onConstructed(int probeId, Object instance) {
    Probe probe = registry.get(probeId);
    if (probe != null && handlers[probe.component().ordinal()] instanceof ConstructionListener listener) {
      try {
        listener.constructed(probe, instance);
      } catch (RuntimeException fault) {
        faults.incrementAndGet();
      }
    }
  }

  /**
   * Rewrites an application's MDC map so that it carries the current trace ids: delegated to the logs component
   * ({@link #mdc(java.util.function.UnaryOperator)}); unchanged until one is set.
   */
  @Override
  public Object onMdc(Object mdc) {
    return mdcRewriter.apply(mdc);
  }

  /** Sets what {@link #onMdc} does (the logs component's trace-id rewrite). */
  public ChatLensDispatcher mdc(java.util.function.UnaryOperator<Object> rewriter) {
    this.mdcRewriter = rewriter;
    return this;
  }

  /** Whether load shedding at level 3 leaves out this probe's spans: all but turns and error-handler calls. */
  private static boolean shedsSpanOf(Probe probe) {
    Component component = probe.component();
    return !component.has(Component.Trait.KEPT_UNDER_SHEDDING);
  }

  /** The span of a call whose span was shed and that then failed: back-dated to its start, essential attributes. */
  private Span shedFailureSpan(Invocation invocation) {
    ProbeSemantics semantics = (ProbeSemantics) invocation.probe.semantics();
    return instruments.tracer.spanBuilder(invocation.shedSpanName).setParent(Context.current())
        .setSpanKind(semantics.kind()).setAllAttributes(semantics.essentialAttributes())
        .setStartTimestamp(invocation.startEpochNanos(), java.util.concurrent.TimeUnit.NANOSECONDS).startSpan();
  }

  private void tagIdentity(Invocation invocation) {
    ChatContext chat = invocation.chat;
    if (chat == null) {
      return;
    }
    String sessionId = chat.sessionId();
    if (sessionId != null && sessionId != invocation.taggedSessionId) {
      invocation.span.setAttribute(Instruments.SESSION_ID, sessionId);
      invocation.taggedSessionId = sessionId;
    }
    String userId = chat.userId();
    if (userId != null && userId != invocation.taggedUserId) {
      invocation.span.setAttribute(Instruments.USER_ID, userId);
      invocation.taggedUserId = userId;
    }
  }

  private static ProbeSemantics semanticsOf(Probe probe, ComponentHandler handler) {
    Object cached = probe.semantics();
    if (cached instanceof ProbeSemantics semantics) {
      return semantics;
    }
    ProbeSemantics semantics = handler.describe(probe);
    probe.semantics(semantics);
    return semantics;
  }
}
