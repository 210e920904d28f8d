package io.chatlens.agent.telemetry;

import java.util.concurrent.atomic.AtomicLong;

/** What one signal's exporter has done: items exported and failed, and when it last succeeded. */
public final class ExporterStats {

  private final String signal;
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private volatile long lastSuccessMillis;
  private volatile long lastFailureMillis;
  private volatile boolean configured;

  public ExporterStats(String signal) {
    this.signal = signal;
  }

  public String signal() {
    return signal;
  }

  void configured() {
    configured = true;
  }

  void succeeded(int items) {
    requests.incrementAndGet();
    exported.addAndGet(items);
    lastSuccessMillis = System.currentTimeMillis();
  }

  void failed(int items) {
    requests.incrementAndGet();
    failed.addAndGet(items);
    lastFailureMillis = System.currentTimeMillis();
  }

  public boolean isConfigured() {
    return configured;
  }

  public long exported() {
    return exported.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Epoch millis of the last successful export, or 0. */
  public long lastSuccessMillis() {
    return lastSuccessMillis;
  }

  /** {@code disabled}, {@code starting} (nothing exported yet), {@code ok} or {@code failing}. */
  public String state() {
    if (!configured) {
      return "disabled";
    }
    if (lastSuccessMillis == 0 && lastFailureMillis == 0) {
      return "starting";
    }
    return lastFailureMillis > lastSuccessMillis ? "failing" : "ok";
  }
}
