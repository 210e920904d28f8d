package io.chatlens.bootstrap;

/**
 * The single entry point that advice woven into application and JDK classes calls.
 *
 * <p>This class lives on the bootstrap class path so that every class loader can see it. It only uses
 * the JDK, never throws, and does nothing until the agent installs a {@link Dispatcher}.
 */
public final class ChatLensBridge {

  private static volatile Dispatcher dispatcher;

  private ChatLensBridge() {}

  /** Installs the agent's dispatcher; {@code null} turns every probe back into a no-op. */
  public static void install(Dispatcher newDispatcher) {
    dispatcher = newDispatcher;
  }

  /** Whether a dispatcher is installed. */
  public static boolean isActive() {
    return dispatcher != null;
  }

  /** Called by advice on method entry. Never throws. */
  public static Object enter(int probeId, Object self, Object[] args) {
    Dispatcher current = dispatcher;
    if (current == null) {
      return null;
    }
    try {
      return current.onEnter(probeId, self, args);
    } catch (Throwable fault) {
      BridgeFaults.record(fault);
      return null;
    }
  }

  /** Called by advice when a woven constructor completed. Never throws. */
  public static void constructed(int probeId, Object instance) {
    Dispatcher current = dispatcher;
    if (current == null) {
      return;
    }
    try {
      current.onConstructed(probeId, instance);
    } catch (Throwable fault) {
      BridgeFaults.record(fault);
    }
  }

  /** Called by advice on an application log event's MDC map; returns the map to use. Never throws. */
  public static Object mdc(Object mdc) {
    Dispatcher current = dispatcher;
    if (current == null) {
      return mdc;
    }
    try {
      return current.onMdc(mdc);
    } catch (Throwable fault) {
      BridgeFaults.record(fault);
      return mdc;
    }
  }

  /** Called by advice on method exit, normal or exceptional. Never throws. */
  public static void exit(Object token, Object returned, Throwable thrown) {
    if (token == null) {
      return;
    }
    Dispatcher current = dispatcher;
    if (current == null) {
      return;
    }
    try {
      current.onExit(token, returned, thrown);
    } catch (Throwable fault) {
      // the thread's state first (the stack has unwound to here, so there is room again), then the count
      try {
        current.onExitLost(token);
      } catch (Throwable again) {
        // nothing more can be done on this thread; the fault below is still counted
      }
      BridgeFaults.record(fault);
    }
  }
}
