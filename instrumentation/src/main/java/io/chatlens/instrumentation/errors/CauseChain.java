package io.chatlens.instrumentation.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Walks a throwable and its causes, outermost first, defensively: a cause cycle ends the walk at the first
 * repeat, the walk stops after {@link #MAX_DEPTH} throwables, and a {@code getCause()}, {@code getMessage()} or
 * {@code getStackTrace()} that itself throws is read as absent.
 */
final class CauseChain {

  /** The most throwables read from one chain; deeper causes are ignored. */
  static final int MAX_DEPTH = 10;

  private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

  private CauseChain() {}

  /** The throwable and its causes, outermost first and root cause last; empty for {@code null}. */
  static List<Throwable> of(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable current = error;
    while (current != null && chain.size() < MAX_DEPTH && seen.add(current)) {
      chain.add(current);
      current = causeOf(current);
    }
    return chain;
  }

  /** The message of a throwable, or {@code null} when it has none or reading it fails. */
  static String messageOf(Throwable error) {
    try {
      return error.getMessage();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The stack trace of a throwable; empty when it has none or reading it fails. */
  static StackTraceElement[] framesOf(Throwable error) {
    try {
      StackTraceElement[] frames = error.getStackTrace();
      return frames == null ? NO_FRAMES : frames;
    } catch (RuntimeException e) {
      return NO_FRAMES;
    }
  }

  private static Throwable causeOf(Throwable error) {
    try {
      return error.getCause();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
