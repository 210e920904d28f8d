package io.chatlens.instrumentation.core;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;

/** Shared naming: span {@code Class.method}, attributes {@code chatlens.component} and {@code code.function.name}. */
public abstract class BaseHandler implements ComponentHandler {

  protected final Instruments instruments;
  protected final Events events;
  protected final Settings settings;

  protected BaseHandler(Instruments instruments, Events events, Settings settings) {
    this.instruments = instruments;
    this.events = events;
    this.settings = settings;
  }

  @Override
  public ProbeSemantics describe(Probe probe) {
    AttributesBuilder attributes = Attributes.builder()
        .put(Instruments.COMPONENT, probe.component().key())
        .put(Instruments.CODE_FUNCTION, probe.className() + "." + probe.methodName());
    addAttributes(probe, attributes);
    return new ProbeSemantics(probe.simpleClassName() + "." + probe.methodName(), kind(probe), attributes.build(),
        Events.snakeCase(probe.methodName()));
  }

  /** The span kind of this component's spans. */
  protected SpanKind kind(Probe probe) {
    return SpanKind.INTERNAL;
  }

  /** Constant attributes a component adds to every span of a probe. */
  protected void addAttributes(Probe probe, AttributesBuilder attributes) {}

  protected static double seconds(long nanos) {
    return nanos / 1_000_000_000.0;
  }

  protected static String millis(long nanos) {
    return Long.toString(nanos / 1_000_000);
  }
}
