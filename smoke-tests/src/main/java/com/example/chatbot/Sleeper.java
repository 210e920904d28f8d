package com.example.chatbot;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits for a while. The application uses {@link #system()}; tests pass one that advances a fake clock. */
@FunctionalInterface
public interface Sleeper {

  /** Waits for the duration. */
  void sleep(Duration duration) throws InterruptedException;

  /** Waits on the current thread with {@link TimeUnit#sleep(long)}. */
  static Sleeper system() {
    return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }
}
