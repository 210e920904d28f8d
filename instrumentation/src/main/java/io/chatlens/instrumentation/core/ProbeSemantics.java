package io.chatlens.instrumentation.core;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;

/**
 * What is computed once per probe so that the hot path allocates as little as possible.
 *
 * @param spanName the span name, e.g. {@code SessionManager.createSession}
 * @param kind the span kind
 * @param attributes attributes every span of this probe carries
 * @param function the log's function field, e.g. {@code create_session}
 * @param essentialAttributes the part of {@code attributes} kept under load shedding ({@link LoadShedding})
 */
public record ProbeSemantics(String spanName, SpanKind kind, Attributes attributes, String function,
    Attributes essentialAttributes) {

  public ProbeSemantics(String spanName, SpanKind kind, Attributes attributes, String function) {
    this(spanName, kind, attributes, function, LoadShedding.essentials(attributes));
  }
}
