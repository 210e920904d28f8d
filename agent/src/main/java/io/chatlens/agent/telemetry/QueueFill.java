package io.chatlens.agent.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How full one of the SDK's export queues is, without looking inside it: items handed to the batch processor count
 * in, items handed to the exporter count out. An item the processor drops because its queue is full is never
 * counted in (the count stops at the queue's capacity), so the estimate cannot drift upwards; items in the batch
 * being exported still count, so it may read up to one batch high. Read by the circuit breaker.
 */
public final class QueueFill {

  private final String name;
  private final AtomicLong pending = new AtomicLong();
  private volatile int capacity;

  public QueueFill(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Items waiting for export (an estimate). */
  public long size() {
    return pending.get();
  }

  /** The queue's capacity, or 0 while no batch processor uses it. */
  public int capacity() {
    return capacity;
  }

  /** Fill in percent, or NaN while no batch processor uses it. */
  public double percent() {
    int max = capacity;
    return max <= 0 ? Double.NaN : Math.min(100.0, pending.get() * 100.0 / max);
  }

  void capacity(int value) {
    capacity = Math.max(0, value);
  }

  void added() {
    // a queue at capacity drops the item: not counted, so the estimate stays within the queue's bounds
    if (pending.get() < capacity) {
      pending.incrementAndGet();
    }
  }

  void removed(int items) {
    if (pending.addAndGet(-items) < 0) {
      pending.updateAndGet(value -> Math.max(0, value));
    }
  }

  /** Counts the sampled spans a span processor takes in. */
  SpanProcessor counting(SpanProcessor delegate) {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {
        delegate.onStart(parentContext, span);
      }

      @Override
      public boolean isStartRequired() {
        return delegate.isStartRequired();
      }

      @Override
      public void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled()) {
          added();
        }
        delegate.onEnd(span);
      }

      @Override
      public boolean isEndRequired() {
        return delegate.isEndRequired();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }

      @Override
      public CompletableResultCode forceFlush() {
        return delegate.forceFlush();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  /** Counts the log records a log record processor takes in. */
  LogRecordProcessor counting(LogRecordProcessor delegate) {
    return new LogRecordProcessor() {
      @Override
      public void onEmit(Context context, ReadWriteLogRecord logRecord) {
        added();
        delegate.onEmit(context, logRecord);
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }

      @Override
      public CompletableResultCode forceFlush() {
        return delegate.forceFlush();
      }

      @Override
      public String toString() {
        return delegate.toString();
      }
    };
  }

  /** Counts the spans an exporter takes out. */
  SpanExporter draining(SpanExporter delegate) {
    return ForwardingExporters.spans(delegate, spans -> {
      removed(spans.size());
      return delegate.export(spans);
    });
  }

  /** Counts the log records an exporter takes out. */
  LogRecordExporter draining(LogRecordExporter delegate) {
    return ForwardingExporters.logs(delegate, logs -> {
      removed(logs.size());
      return delegate.export(logs);
    });
  }
}
