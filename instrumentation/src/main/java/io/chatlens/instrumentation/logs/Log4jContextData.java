package io.chatlens.instrumentation.logs;

import io.opentelemetry.api.trace.SpanContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * Adds {@code trace_id}, {@code span_id} and {@code trace_flags} to the context data Log4j 2 attaches to a
 * log event (what {@code %X{trace_id}} prints), as the OpenTelemetry Java agent does: the injector's result is
 * copied into a new {@code SortedArrayStringMap} with the ids added, so neither the thread's context map nor a
 * frozen shared map is ever changed. Log4j is reached by reflection in the application's class loader.
 */
public final class Log4jContextData {

  private static final String READ_ONLY_MAP = "org.apache.logging.log4j.util.ReadOnlyStringMap";
  private static final String SORTED_MAP = "org.apache.logging.log4j.util.SortedArrayStringMap";

  /** Log4j's map types as the class loader of a given context-data class sees them; null when absent. */
  private record Handles(Method containsKey, Constructor<?> copy, Method putValue) {}

  private static final ClassValue<Handles> HANDLES = new ClassValue<>() {
    @Override
    protected Handles computeValue(Class<?> type) {
      try {
        ClassLoader loader = type.getClassLoader();
        Class<?> readOnly = Class.forName(READ_ONLY_MAP, false, loader);
        if (!readOnly.isAssignableFrom(type)) {
          return null;
        }
        Class<?> sorted = Class.forName(SORTED_MAP, false, loader);
        return new Handles(readOnly.getMethod("containsKey", String.class), sorted.getConstructor(readOnly),
            sorted.getMethod("putValue", String.class, Object.class));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
        return null;
      }
    }
  };

  private Log4jContextData() {}

  /** The context data to use: a copy with the trace ids, or the same object when that is not possible. */
  public static Object withTraceIds(Object contextData, SpanContext span) {
    if (contextData == null || !span.isValid()) {
      return contextData;
    }
    Handles handles = HANDLES.get(contextData.getClass());
    if (handles == null) {
      return contextData;
    }
    try {
      if (Boolean.TRUE.equals(handles.containsKey().invoke(contextData, "trace_id"))) {
        return contextData;
      }
      Object copy = handles.copy().newInstance(contextData);
      handles.putValue().invoke(copy, "trace_id", span.getTraceId());
      handles.putValue().invoke(copy, "span_id", span.getSpanId());
      handles.putValue().invoke(copy, "trace_flags", span.getTraceFlags().asHex());
      return copy;
    } catch (ReflectiveOperationException | RuntimeException failed) {
      return contextData;
    }
  }
}
