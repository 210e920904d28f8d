package io.chatlens.agent.telemetry;

import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Wraps every log record exporter: bodies and attributes of log records (including the application's own
 * bridged log events) pass the redaction stage on the export thread, just before they leave the process.
 */
final class RedactingLogRecordExporter implements LogRecordExporter {

  private final LogRecordExporter delegate;
  private final Redactor redactor;

  RedactingLogRecordExporter(LogRecordExporter delegate, Redactor redactor) {
    this.delegate = delegate;
    this.redactor = redactor;
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    List<LogRecordData> redacted = new ArrayList<>(logs.size());
    for (LogRecordData log : logs) {
      redacted.add(redact(log));
    }
    return delegate.export(redacted);
  }

  LogRecordData redact(LogRecordData log) {
    String body = log.getBody() == null ? null : log.getBody().asString();
    String cleanBody = body == null ? null : redactor.redact(body);
    Attributes cleanAttributes = RedactedAttributes.of(log.getAttributes(), redactor, RedactedAttributes.Bound.LOG);
    if (cleanBody == body && cleanAttributes == log.getAttributes()) {
      return log;
    }
    return new Redacted(log, cleanBody, cleanAttributes);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  /** A log record with a redacted body and attributes. */
  private static final class Redacted implements LogRecordData {
    private final LogRecordData original;
    private final String body;
    private final Attributes attributes;

    Redacted(LogRecordData original, String body, Attributes attributes) {
      this.original = original;
      this.body = body;
      this.attributes = attributes;
    }

    @Override
    public Resource getResource() {
      return original.getResource();
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
      return original.getInstrumentationScopeInfo();
    }

    @Override
    public long getTimestampEpochNanos() {
      return original.getTimestampEpochNanos();
    }

    @Override
    public long getObservedTimestampEpochNanos() {
      return original.getObservedTimestampEpochNanos();
    }

    @Override
    public SpanContext getSpanContext() {
      return original.getSpanContext();
    }

    @Override
    public Severity getSeverity() {
      return original.getSeverity();
    }

    @Override
    public String getSeverityText() {
      return original.getSeverityText();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Body getBody() {
      return body == null ? Body.empty() : Body.string(body);
    }

    @Override
    public Value<?> getBodyValue() {
      return body == null ? null : Value.of(body);
    }

    @Override
    public Attributes getAttributes() {
      return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
      return original.getTotalAttributeCount();
    }

    @Override
    public String getEventName() {
      return original.getEventName();
    }
  }
}
