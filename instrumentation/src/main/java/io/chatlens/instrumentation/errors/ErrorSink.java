package io.chatlens.instrumentation.errors;

/**
 * Where captured errors go besides spans, metrics and logs: an error tracker such as Sentry.
 *
 * <p>Both methods run on the application's thread and must return at once: {@link #wants} decides cheaply (sampling,
 * a per-group rate limit) before anything is copied, and {@link #accept} only queues the copy. Neither throws.
 */
public interface ErrorSink {

  /** No error tracker. */
  ErrorSink NONE = new ErrorSink() {
    @Override
    public boolean wants(String fingerprint) {
      return false;
    }

    @Override
    public void accept(CapturedError error) {}
  };

  /** Whether this occurrence of a group should be captured. */
  boolean wants(String fingerprint);

  /** Queues a captured error; drops it (and counts the drop) when the queue is full. */
  void accept(CapturedError error);
}
