package io.chatlens.smoke.harness;

import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Queries over received spans. */
public final class Spans {

  private Spans() {}

  public static List<ReceivedSpan> ofService(List<ReceivedSpan> spans, String service) {
    return spans.stream().filter(span -> service.equals(span.resourceAttribute("service.name"))).toList();
  }

  public static List<ReceivedSpan> ofComponent(List<ReceivedSpan> spans, String component) {
    return spans.stream().filter(span -> component.equals(span.attribute("chatlens.component"))).toList();
  }

  public static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
    return spans.stream().filter(span -> span.span().getName().equals(name)).toList();
  }

  public static String traceId(ReceivedSpan span) {
    return HexFormat.of().formatHex(span.span().getTraceId().toByteArray());
  }

  public static String spanId(ReceivedSpan span) {
    return HexFormat.of().formatHex(span.span().getSpanId().toByteArray());
  }

  public static String parentId(ReceivedSpan span) {
    return HexFormat.of().formatHex(span.span().getParentSpanId().toByteArray());
  }

  public static Map<String, List<ReceivedSpan>> byTrace(List<ReceivedSpan> spans) {
    return spans.stream().collect(Collectors.groupingBy(Spans::traceId));
  }
}
