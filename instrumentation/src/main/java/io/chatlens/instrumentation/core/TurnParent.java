package io.chatlens.instrumentation.core;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.Map;

/**
 * Lets a turn continue a trace that arrived with the message: when the turn handler can read a W3C
 * {@code traceparent} (a string, or a map of headers) from the call, the turn's span becomes its child.
 */
public final class TurnParent {

  /** Implemented by the turn handler when a parent accessor is configured. */
  public interface Source {
    Object parentCarrier(Object self, Object[] args);
  }

  private static final TextMapGetter<Map<?, ?>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<?, ?> carrier) {
      return Collections.emptyList();
    }

    @Override
    public String get(Map<?, ?> carrier, String key) {
      if (carrier == null) {
        return null;
      }
      for (Map.Entry<?, ?> entry : carrier.entrySet()) {
        if (entry.getKey() != null && entry.getKey().toString().equalsIgnoreCase(key)) {
          Object value = entry.getValue();
          if (value instanceof Iterable<?> values) {
            for (Object first : values) {
              return first == null ? null : first.toString();
            }
            return null;
          }
          return value == null ? null : value.toString();
        }
      }
      return null;
    }
  };

  private TurnParent() {}

  static Context resolve(ComponentHandler handler, Context current, Object self, Object[] args) {
    if (!(handler instanceof Source source)) {
      return current;
    }
    Object carrier = source.parentCarrier(self, args);
    if (carrier instanceof CharSequence traceparent) {
      carrier = Map.of("traceparent", traceparent.toString());
    }
    if (carrier instanceof Map<?, ?> headers) {
      return W3CTraceContextPropagator.getInstance().extract(current, headers, GETTER);
    }
    return current;
  }
}
