package io.chatlens.agent;

import java.util.concurrent.TimeUnit;

/**
 * Runs the agent's shutdown steps within one time budget, so a JVM whose backend is down still exits
 * promptly: each step runs on a daemon thread and is abandoned (the JVM exits regardless) when the budget is
 * spent. Steps run in order; a step never gets more than what is left.
 */
final class ShutdownSequence {

  private final long deadlineNanos;

  ShutdownSequence(long budgetMillis) {
    this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
  }

  /** Runs a step, waiting for it at most until the deadline. Never throws. */
  void step(String name, Runnable action) {
    step(name, action, Long.MAX_VALUE);
  }

  /** Runs a step, waiting for it at most {@code capMillis} and never beyond the deadline. Never throws. */
  void step(String name, Runnable action, long capMillis) {
    long remaining = Math.min(deadlineNanos - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(capMillis));
    if (remaining <= 0) {
      return;
    }
    Thread thread = new Thread(() -> {
      try {
        action.run();
      } catch (Throwable ignored) {
        // the JVM is exiting; nothing more to do
      }
    }, "chatlens-shutdown-" + name);
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
