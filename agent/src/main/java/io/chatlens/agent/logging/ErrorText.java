package io.chatlens.agent.logging;

/** An exception and its causes on one line: type, message and the top frames. */
final class ErrorText {

  private static final int FRAMES = 5;

  private ErrorText() {}

  static String oneLine(Throwable error) {
    StringBuilder out = new StringBuilder();
    Throwable current = error;
    int depth = 0;
    while (current != null && depth < 5) {
      if (depth > 0) {
        out.append(" | caused by: ");
      }
      out.append(current instanceof RedactedEvent.RedactedThrowable redacted ? redacted.typeName()
          : current.getClass().getName());
      if (current.getMessage() != null) {
        out.append(": ").append(SeedTextLayout.oneLine(current.getMessage()));
      }
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
        out.append(i == 0 ? " at " : " < ").append(frames[i]);
      }
      if (frames.length > FRAMES) {
        out.append(" < ... ").append(frames.length - FRAMES).append(" more");
      }
      current = current.getCause() == current ? null : current.getCause();
      depth++;
    }
    return out.toString();
  }
}
