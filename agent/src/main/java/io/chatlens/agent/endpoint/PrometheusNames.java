package io.chatlens.agent.endpoint;

import java.util.Map;

/**
 * OpenTelemetry to Prometheus naming, as the OpenTelemetry compatibility specification describes: invalid
 * characters become {@code _}, the unit becomes a suffix ({@code s} → {@code _seconds}, {@code By} →
 * {@code _bytes}, {@code 1} on a gauge → {@code _ratio}; annotations such as {@code {request}} are
 * dropped) and counters end in {@code _total}. So {@code chatbot.requests} is {@code chatbot_requests_total}
 * and {@code chatbot.response_time} (seconds) is {@code chatbot_response_time_seconds}.
 */
final class PrometheusNames {

  private static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
      Map.entry("GiBy", "gibibytes"), Map.entry("KBy", "kilobytes"), Map.entry("MBy", "megabytes"),
      Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"),
      Map.entry("ns", "nanoseconds"), Map.entry("min", "minutes"), Map.entry("h", "hours"), Map.entry("d", "days"),
      Map.entry("bit", "bits"), Map.entry("Hz", "hertz"), Map.entry("%", "percent"), Map.entry("V", "volts"),
      Map.entry("A", "amperes"), Map.entry("J", "joules"), Map.entry("W", "watts"), Map.entry("Cel", "celsius"));

  private PrometheusNames() {}

  /** The Prometheus metric family name. */
  static String metric(String name, String unit, boolean counter, boolean gauge) {
    String result = sanitize(name, true);
    String suffix = unitSuffix(unit, gauge);
    if (!suffix.isEmpty() && !result.endsWith("_" + suffix)) {
      result = result + "_" + suffix;
    }
    if (counter && !result.endsWith("_total")) {
      result = result + "_total";
    }
    return result;
  }

  static String label(String key) {
    return sanitize(key, false);
  }

  static String unitSuffix(String unit, boolean gauge) {
    if (unit == null || unit.isEmpty()) {
      return "";
    }
    String stripped = unit.replaceAll("\\{[^}]*}", "").trim();
    if (stripped.isEmpty()) {
      return "";
    }
    if (stripped.equals("1")) {
      return gauge ? "ratio" : "";
    }
    int slash = stripped.indexOf('/');
    if (slash > 0) {
      String per = stripped.substring(slash + 1);
      String perName = per.equals("s") ? "second" : per.equals("m") ? "minute" : per.equals("h") ? "hour"
          : per.equals("d") ? "day" : UNITS.getOrDefault(per, per);
      return sanitize(UNITS.getOrDefault(stripped.substring(0, slash), stripped.substring(0, slash)) + "_per_" + perName, false);
    }
    return sanitize(UNITS.getOrDefault(stripped, stripped), false);
  }

  private static String sanitize(String name, boolean allowColon) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean valid = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || (c >= '0' && c <= '9' && i > 0)
          || allowColon && c == ':';
      out.append(valid ? c : '_');
    }
    String result = out.toString();
    while (result.contains("__")) {
      result = result.replace("__", "_");
    }
    return result.isEmpty() ? "_" : result;
  }
}
