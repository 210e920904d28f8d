package io.chatlens.agent.telemetry;

import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Wraps every span exporter: span names, event names, span attributes and event attributes (string arrays element
 * by element, exception messages and stack traces included) pass through the redaction stage on the export thread,
 * just before they leave the process; the attributes that are metric dimensions ({@code chatbot.command},
 * {@code executor.name}, {@code db.collection.name}, ...) are bounded like metric labels.
 */
public final class RedactingSpanExporter implements SpanExporter {

  private final SpanExporter delegate;
  private final Redactor redactor;

  public RedactingSpanExporter(SpanExporter delegate, Redactor redactor) {
    this.delegate = delegate;
    this.redactor = redactor;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> redacted = new ArrayList<>(spans.size());
    for (SpanData span : spans) {
      redacted.add(redact(span));
    }
    return delegate.export(redacted);
  }

  SpanData redact(SpanData span) {
    Attributes attributes = redact(span.getAttributes());
    String name = span.getName();
    String redactedName = redactor.redact(name);
    List<EventData> events = span.getEvents();
    List<EventData> redactedEvents = events;
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      Attributes eventAttributes = redact(event.getAttributes());
      String eventName = redactor.redact(event.getName());
      if (eventAttributes != event.getAttributes() || eventName != event.getName()) {
        if (redactedEvents == events) {
          redactedEvents = new ArrayList<>(events);
        }
        redactedEvents.set(i, EventData.create(event.getEpochNanos(), eventName, eventAttributes,
            event.getTotalAttributeCount()));
      }
    }
    if (attributes == span.getAttributes() && redactedEvents == events && redactedName == name) {
      return span;
    }
    List<EventData> finalEvents = redactedEvents;
    return new DelegatingSpanData(span) {
      @Override
      public String getName() {
        return redactedName;
      }

      @Override
      public Attributes getAttributes() {
        return attributes;
      }

      @Override
      public List<EventData> getEvents() {
        return finalEvents;
      }
    };
  }

  /** The same instance when nothing needed redaction. */
  Attributes redact(Attributes attributes) {
    return RedactedAttributes.of(attributes, redactor, RedactedAttributes.Bound.SPAN);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "RedactingSpanExporter{" + delegate + "}";
  }
}
