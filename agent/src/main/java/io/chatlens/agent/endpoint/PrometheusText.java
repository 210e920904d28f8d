package io.chatlens.agent.endpoint;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders metrics in the Prometheus text exposition format 0.0.4, with the resource as
 * {@code target_info}. Metrics that map to the same Prometheus name are written as one family.
 */
final class PrometheusText {

  private PrometheusText() {}

  static String render(Collection<MetricData> metrics, Resource resource) {
    Map<String, Family> families = new TreeMap<>();
    for (MetricData metric : metrics) {
      Family family = Family.of(metric);
      if (family != null) {
        families.merge(family.name, family, Family::merge);
      }
    }
    StringBuilder out = new StringBuilder(8192);
    out.append("# HELP target_info Target metadata\n# TYPE target_info gauge\ntarget_info");
    labels(out, resource.getAttributes(), null, null);
    out.append(" 1\n");
    for (Family family : families.values()) {
      family.write(out);
    }
    return out.toString();
  }

  /** One Prometheus metric family. */
  private static final class Family {
    final String name;
    final String type;
    final String help;
    final List<MetricData> metrics;

    Family(String name, String type, String help, List<MetricData> metrics) {
      this.name = name;
      this.type = type;
      this.help = help;
      this.metrics = metrics;
    }

    static Family of(MetricData metric) {
      MetricDataType dataType = metric.getType();
      boolean counter = (dataType == MetricDataType.LONG_SUM && metric.getLongSumData().isMonotonic())
          || (dataType == MetricDataType.DOUBLE_SUM && metric.getDoubleSumData().isMonotonic());
      boolean histogram = dataType == MetricDataType.HISTOGRAM;
      boolean gauge = !counter && !histogram;
      if (dataType == MetricDataType.EXPONENTIAL_HISTOGRAM || dataType == MetricDataType.SUMMARY) {
        return null;
      }
      String name = PrometheusNames.metric(metric.getName(), metric.getUnit(), counter, gauge);
      String type = counter ? "counter" : histogram ? "histogram" : "gauge";
      return new Family(name, type, metric.getDescription(), new java.util.ArrayList<>(List.of(metric)));
    }

    Family merge(Family other) {
      if (other.type.equals(type)) {
        metrics.addAll(other.metrics);
      }
      return this;
    }

    void write(StringBuilder out) {
      out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      for (MetricData metric : metrics) {
        for (PointData point : metric.getData().getPoints()) {
          if (point instanceof HistogramPointData histogram) {
            writeHistogram(out, histogram);
          } else if (point instanceof LongPointData value) {
            sample(out, name, value.getAttributes(), null, null, Long.toString(value.getValue()));
          } else if (point instanceof DoublePointData value) {
            sample(out, name, value.getAttributes(), null, null, number(value.getValue()));
          }
        }
      }
    }

    private void writeHistogram(StringBuilder out, HistogramPointData point) {
      List<Double> bounds = point.getBoundaries();
      List<Long> counts = point.getCounts();
      long cumulative = 0;
      for (int i = 0; i < bounds.size(); i++) {
        cumulative += counts.get(i);
        sample(out, name + "_bucket", point.getAttributes(), "le", number(bounds.get(i)), Long.toString(cumulative));
      }
      sample(out, name + "_bucket", point.getAttributes(), "le", "+Inf", Long.toString(point.getCount()));
      sample(out, name + "_sum", point.getAttributes(), null, null, number(point.getSum()));
      sample(out, name + "_count", point.getAttributes(), null, null, Long.toString(point.getCount()));
    }
  }

  private static void sample(StringBuilder out, String name, Attributes attributes, String extraKey, String extraValue,
      String value) {
    out.append(name);
    labels(out, attributes, extraKey, extraValue);
    out.append(' ').append(value).append('\n');
  }

  private static void labels(StringBuilder out, Attributes attributes, String extraKey, String extraValue) {
    if (attributes.isEmpty() && extraKey == null) {
      return;
    }
    Map<String, String> sorted = new TreeMap<>();
    attributes.forEach((key, value) -> sorted.put(PrometheusNames.label(key.getKey()), String.valueOf(value)));
    if (extraKey != null) {
      sorted.put(extraKey, extraValue);
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, String> label : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(label.getKey()).append("=\"").append(escapeValue(label.getValue())).append('"');
    }
    out.append('}');
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value) + ".0";
    }
    return Double.toString(value);
  }

  private static String escapeValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String help) {
    return help == null ? "" : help.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
