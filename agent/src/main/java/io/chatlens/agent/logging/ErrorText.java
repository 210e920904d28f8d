package io.chatlens.agent.logging;

/** Renders an exception and its causes: on one line for the text format, as a Java stack trace for JSON. */
final class ErrorText {

  private static final int ONE_LINE_FRAMES = 5;
  private static final int ONE_LINE_CAUSES = 5;
  private static final int TRACE_FRAMES = 64;
  private static final int TRACE_CAUSES = 16;

  private ErrorText() {}

  /** {@code Type: message at frame < frame < ... | caused by: Type: message at frame ...}, no line break. */
  static String oneLine(Throwable error) {
    StringBuilder out = new StringBuilder();
    Throwable current = error;
    for (int depth = 0; current != null && depth < ONE_LINE_CAUSES; depth++) {
      if (depth > 0) {
        out.append(" | caused by: ");
      }
      out.append(SeedTextLayout.oneLine(typeName(current)));
      String message = current.getMessage();
      if (message != null) {
        out.append(": ").append(SeedTextLayout.oneLine(message));
      }
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(ONE_LINE_FRAMES, frames.length); i++) {
        out.append(i == 0 ? " at " : " < ").append(SeedTextLayout.oneLine(String.valueOf(frames[i])));
      }
      if (frames.length > ONE_LINE_FRAMES) {
        out.append(" < ... ").append(frames.length - ONE_LINE_FRAMES).append(" more");
      }
      current = next(current);
    }
    return out.toString();
  }

  /**
   * The familiar multi-line form, {@code Type: message}, {@code \tat frame} lines and {@code Caused by:}
   * sections, bounded in frames and causes. Only for formats that escape line breaks (JSON).
   */
  static String stackTrace(Throwable error) {
    StringBuilder out = new StringBuilder(1024);
    Throwable current = error;
    for (int depth = 0; current != null && depth < TRACE_CAUSES; depth++) {
      if (depth > 0) {
        out.append("Caused by: ");
      }
      out.append(typeName(current));
      if (current.getMessage() != null) {
        out.append(": ").append(current.getMessage());
      }
      out.append('\n');
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(TRACE_FRAMES, frames.length); i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > TRACE_FRAMES) {
        out.append("\t... ").append(frames.length - TRACE_FRAMES).append(" more\n");
      }
      current = next(current);
    }
    return out.toString();
  }

  /** The original exception class, also through the redacted stand-in. */
  static String typeName(Throwable error) {
    return error instanceof RedactedEvent.RedactedThrowable redacted ? redacted.typeName() : error.getClass().getName();
  }

  private static Throwable next(Throwable current) {
    Throwable cause = current.getCause();
    return cause == current ? null : cause;
  }
}
