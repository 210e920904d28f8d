package io.chatlens.instrumentation.logs;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The MDC rewrite of the logs component: an application's MDC map (Logback, SLF4J) or Log4j 2 context data, as its
 * logging framework hands it to a log event, gains {@code trace_id}, {@code span_id} and {@code trace_flags} of the
 * current span. A copy is returned; the application's own map is never changed. The dispatcher delegates its
 * {@code onMdc} here ({@code chatlens.instrument.mdc}).
 */
public final class MdcTraceIds {

  private MdcTraceIds() {}

  /** The MDC with the current trace ids, or the MDC itself when there is no span or it has them already. */
  public static Object withTraceIds(Object mdc) {
    if (mdc != null && !(mdc instanceof Map<?, ?>)) {
      // Log4j 2's context data (a StringMap)
      return Log4jContextData.withTraceIds(mdc, Span.current().getSpanContext());
    }
    if (!(mdc instanceof Map<?, ?> map) || map.containsKey("trace_id")) {
      return mdc;
    }
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return mdc;
    }
    Map<Object, Object> withTrace = new HashMap<>(map);
    withTrace.put("trace_id", span.getTraceId());
    withTrace.put("span_id", span.getSpanId());
    withTrace.put("trace_flags", span.getTraceFlags().asHex());
    return withTrace;
  }
}
