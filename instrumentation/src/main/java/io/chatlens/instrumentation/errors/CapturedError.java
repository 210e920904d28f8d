package io.chatlens.instrumentation.errors;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of one error, taken on the application's thread so that nothing later reads the application's objects:
 * the exception chain (types, raw messages, stack frames with in-app frames marked) and where it happened. Messages
 * are not redacted yet: the sink redacts them on its own thread, before they leave the process.
 *
 * @param epochMillis when it was recorded
 * @param fingerprint its group
 * @param handled {@code true} when the application passed it to its error handler, {@code false} when it escaped
 *     the turn, {@code null} when not known (thrown out of an inner method)
 * @param component the ChatLens component of the span it was recorded on ({@code turn}, {@code search}, ...)
 * @param command the command of the turn, or {@code null}
 * @param sessionId the turn's session id, or {@code null}
 * @param userId the turn's user id as exported (hashed when configured), or {@code null}
 * @param traceId the trace it happened in, or {@code null} outside a valid span
 * @param spanId the span it was recorded on, or {@code null}
 * @param chain the exception and its causes, outermost first
 */
public record CapturedError(long epochMillis, String fingerprint, String type, String category, boolean userError,
    Boolean handled, String component, String command, String sessionId, String userId, String traceId, String spanId,
    List<Thrown> chain) {

  /** Copies the chain. */
  public CapturedError {
    chain = List.copyOf(chain);
  }

  /**
   * One throwable of the chain.
   *
   * @param type its class name
   * @param message its raw message, or {@code null}
   * @param frames its stack, top first
   */
  public record Thrown(String type, String message, List<Frame> frames) {}

  /**
   * One stack frame.
   *
   * @param inApp whether the application's code (not the JDK, a library or generated code)
   */
  public record Frame(String className, String methodName, String fileName, int lineNumber, boolean inApp) {}

  /** The most frames copied per throwable (the top ones). */
  static final int MAX_FRAMES = 100;

  /** Copies a throwable chain, defensively (see {@link CauseChain}). */
  static List<Thrown> copyChain(Throwable error, AppFrames appFrames) {
    List<Thrown> copies = new ArrayList<>();
    for (Throwable throwable : CauseChain.of(error)) {
      StackTraceElement[] stack = CauseChain.framesOf(throwable);
      List<Frame> frames = new ArrayList<>(Math.min(stack.length, MAX_FRAMES));
      for (int i = 0; i < stack.length && i < MAX_FRAMES; i++) {
        StackTraceElement element = stack[i];
        if (element != null) {
          frames.add(new Frame(element.getClassName(), element.getMethodName(), element.getFileName(),
              element.getLineNumber(), appFrames.isInApp(element.getClassName())));
        }
      }
      copies.add(new Thrown(throwable.getClass().getName(), CauseChain.messageOf(throwable), List.copyOf(frames)));
    }
    return copies;
  }
}
