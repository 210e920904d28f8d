package io.chatlens.agent.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Shows the spans being exported, already redacted, to one listener (the live page's slowest turns), on the span
 * export thread: never on an application thread. The listener must be quick and must not keep the collection; a
 * listener that throws is ignored and the export goes on.
 */
public final class SpanTap {

  private volatile Consumer<Collection<SpanData>> listener;

  /** Sets the listener; {@code null} removes it. */
  public void listen(Consumer<Collection<SpanData>> newListener) {
    this.listener = newListener;
  }

  /** The exporter that shows each batch to the listener, then hands it to {@code delegate}. */
  SpanExporter wrap(SpanExporter delegate) {
    return ForwardingExporters.spans(delegate, spans -> {
      Consumer<Collection<SpanData>> current = listener;
      if (current != null) {
        try {
          current.accept(spans);
        } catch (Throwable ignored) {
          // the page's view is best effort: the export itself must go on
        }
      }
      return delegate.export(spans);
    });
  }
}
