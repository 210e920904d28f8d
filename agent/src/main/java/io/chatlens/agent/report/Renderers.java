package io.chatlens.agent.report;

import io.chatlens.agent.logging.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Draws a {@link Report} as plain text, JSON or one self-contained HTML file. */
public final class Renderers {

  private Renderers() {}

  // ---- text -------------------------------------------------------------------------------------------
  public static String text(Report report) {
    StringBuilder out = new StringBuilder();
    out.append("ChatLens report\n");
    report.about.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v == null ? "-" : v).append('\n'));
    out.append("\nSummary\n");
    report.summary.forEach((k, v) -> out.append("  ").append(k).append(": ").append(cell(v)).append('\n'));
    for (Report.Section section : report.sections) {
      out.append("\n== ").append(section.title).append(" ==\n");
      for (String note : section.notes) {
        out.append("  ").append(note).append('\n');
      }
      for (Object block : section.blocks) {
        if (block instanceof Report.Table table) {
          textTable(out, table);
        }
      }
    }
    return out.toString();
  }

  private static void textTable(StringBuilder out, Report.Table table) {
    out.append("\n").append(table.title).append('\n');
    if (table.rows.isEmpty()) {
      out.append("  (none)\n");
      return;
    }
    int[] widths = new int[table.columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = table.columns.get(i).length();
    }
    for (List<Object> row : table.rows) {
      for (int i = 0; i < widths.length && i < row.size(); i++) {
        widths[i] = Math.min(100, Math.max(widths[i], cell(row.get(i)).length()));
      }
    }
    line(out, new ArrayList<>(table.columns), widths);
    for (List<Object> row : table.rows) {
      line(out, row, widths);
    }
  }

  private static void line(StringBuilder out, List<?> cells, int[] widths) {
    out.append("  ");
    for (int i = 0; i < widths.length; i++) {
      String text = i < cells.size() ? cell(cells.get(i)) : "";
      if (text.length() > 100) {
        text = text.substring(0, 97) + "...";
      }
      out.append(text);
      if (i < widths.length - 1) {
        out.append(" ".repeat(Math.max(1, widths[i] - text.length() + 2)));
      }
    }
    out.append('\n');
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      if (d.isNaN()) {
        return "";
      }
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
          : String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
    }
    if (value instanceof Long l && l < 0) {
      return "";
    }
    return value.toString();
  }

  // ---- JSON -------------------------------------------------------------------------------------------
  public static String json(Report report) {
    StringBuilder out = new StringBuilder(4096);
    out.append("{\"report\":\"chatlens\",\"about\":");
    object(out, report.about);
    out.append(",\"summary\":");
    object(out, report.summary);
    out.append(",\"sections\":[");
    boolean firstSection = true;
    for (Report.Section section : report.sections) {
      out.append(firstSection ? "" : ",").append("{\"id\":");
      firstSection = false;
      JsonText.string(out, section.id);
      out.append(",\"title\":");
      JsonText.string(out, section.title);
      out.append(",\"notes\":[");
      for (int i = 0; i < section.notes.size(); i++) {
        out.append(i == 0 ? "" : ",");
        JsonText.string(out, section.notes.get(i));
      }
      out.append("],\"tables\":[");
      boolean first = true;
      for (Object block : section.blocks) {
        if (block instanceof Report.Table table) {
          out.append(first ? "" : ",").append("{\"id\":");
          first = false;
          JsonText.string(out, table.id);
          out.append(",\"title\":");
          JsonText.string(out, table.title);
          out.append(",\"columns\":[");
          for (int i = 0; i < table.columns.size(); i++) {
            out.append(i == 0 ? "" : ",");
            JsonText.string(out, table.columns.get(i));
          }
          out.append("],\"rows\":[");
          for (int r = 0; r < table.rows.size(); r++) {
            out.append(r == 0 ? "[" : ",[");
            List<Object> row = table.rows.get(r);
            for (int i = 0; i < row.size(); i++) {
              out.append(i == 0 ? "" : ",");
              value(out, row.get(i));
            }
            out.append(']');
          }
          out.append("]}");
        }
      }
      out.append("]}");
    }
    out.append("]}\n");
    return out.toString();
  }

  private static void object(StringBuilder out, Map<String, Object> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      out.append(first ? "" : ",");
      first = false;
      JsonText.string(out, e.getKey());
      out.append(':');
      value(out, e.getValue());
    }
    out.append('}');
  }

  private static void value(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : cell(d));
    } else if (value instanceof Long l && l < 0) {
      out.append("null"); // a quantile of nothing
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      JsonText.string(out, value.toString());
    }
  }

  // ---- HTML -------------------------------------------------------------------------------------------
  private static final String[] COLORS = {"#2563eb", "#dc2626", "#16a34a", "#9333ea"};

  public static String html(Report report) {
    StringBuilder out = new StringBuilder(32_768);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>ChatLens report</title><style>")
        .append("body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;background:#f6f7f9;color:#1f2937}")
        .append("header{background:#111827;color:#f9fafb;padding:16px 24px}header h1{margin:0;font-size:20px}")
        .append("header p{margin:4px 0 0;color:#9ca3af;font-size:12px}main{padding:16px 24px;max-width:1200px}")
        .append(".kpis{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}")
        .append(".kpi{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:10px 14px;min-width:120px}")
        .append(".kpi b{display:block;font-size:20px}.kpi span{color:#6b7280;font-size:12px}")
        .append("section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;margin:16px 0}")
        .append("h2{font-size:17px;margin:4px 0 8px}h3{font-size:14px;margin:14px 0 6px}")
        .append("table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:4px 8px;")
        .append("border-bottom:1px solid #f0f1f3;vertical-align:top;overflow-wrap:anywhere}th{color:#6b7280;font-weight:600;white-space:nowrap;overflow-wrap:normal}")
        .append(".note{color:#6b7280;font-size:12px;margin:2px 0}.green{color:#15803d;font-weight:600}")
        .append(".amber{color:#b45309;font-weight:600}.red{color:#b91c1c;font-weight:600}")
        .append("svg{background:#fff;max-width:100%}.legend span{margin-right:12px;font-size:12px}")
        .append("</style></head><body><header><h1>ChatLens report</h1><p>");
    Object from = report.about.get("firstEvent");
    Object to = report.about.get("lastEvent");
    out.append(esc("Logs " + report.about.get("logDir") + " | events " + (from == null ? "-" : from) + " to "
        + (to == null ? "-" : to) + " | generated " + report.about.get("generatedAt")));
    out.append("</p></header><main><div class=\"kpis\">");
    kpi(out, "turns", report.summary.get("turns"));
    kpi(out, "error rate", Renderers.percent(report.summary.get("errorRate")));
    kpi(out, "p50 ms", report.summary.get("p50Ms"));
    kpi(out, "p95 ms", report.summary.get("p95Ms"));
    kpi(out, "error groups", report.summary.get("errorGroups"));
    kpi(out, "sessions", report.summary.get("sessionsCreated"));
    kpi(out, "users", report.summary.get("users"));
    kpi(out, "alerts fired", report.summary.get("alertsFired"));
    kpi(out, "slow queries", report.summary.get("slowQueries"));
    out.append("</div>");
    for (Report.Section section : report.sections) {
      out.append("<section id=\"").append(esc(section.id)).append("\"><h2>").append(esc(section.title)).append("</h2>");
      for (String note : section.notes) {
        out.append("<p class=\"note\">").append(esc(note)).append("</p>");
      }
      for (Object block : section.blocks) {
        if (block instanceof Report.Chart chart) {
          svg(out, chart);
        } else if (block instanceof Report.Table table) {
          htmlTable(out, table);
        }
      }
      out.append("</section>");
    }
    out.append("<section><h2>About this report</h2><table>");
    report.about.forEach((k, v) -> out.append("<tr><th>").append(esc(k)).append("</th><td>")
        .append(esc(v == null ? "-" : v.toString())).append("</td></tr>"));
    out.append("</table></section></main></body></html>\n");
    return out.toString();
  }

  private static String percent(Object ratio) {
    return ratio instanceof Double d ? ReportBuilder.pct(d) : String.valueOf(ratio);
  }

  private static void kpi(StringBuilder out, String label, Object value) {
    out.append("<div class=\"kpi\"><b>").append(esc(cell(value))).append("</b><span>").append(esc(label))
        .append("</span></div>");
  }

  private static void htmlTable(StringBuilder out, Report.Table table) {
    out.append("<h3>").append(esc(table.title)).append("</h3>");
    if (table.rows.isEmpty()) {
      out.append("<p class=\"note\">None.</p>");
      return;
    }
    out.append("<table id=\"").append(esc(table.id)).append("\"><thead><tr>");
    for (String column : table.columns) {
      out.append("<th>").append(esc(column)).append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (List<Object> row : table.rows) {
      out.append("<tr>");
      for (Object value : row) {
        String text = cell(value);
        String css = text.equals("green") || text.equals("amber") || text.equals("red") ? " class=\"" + text + "\"" : "";
        out.append("<td").append(css).append('>').append(esc(text)).append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table>");
  }

  /** A bar or line chart as inline SVG: no script, no external resource. */
  private static void svg(StringBuilder out, Report.Chart chart) {
    int width = 1000;
    int height = 220;
    int left = 50;
    int bottom = 30;
    int top = 10;
    int n = chart.labels.size();
    double max = 0;
    for (List<Double> values : chart.series.values()) {
      for (Double v : values) {
        if (v != null && !v.isNaN()) {
          max = Math.max(max, v);
        }
      }
    }
    max = max <= 0 ? 1 : niceCeiling(max);
    double plotW = width - left - 10;
    double plotH = height - top - bottom;
    out.append("<h3>").append(esc(chart.title)).append("</h3><svg role=\"img\" aria-label=\"").append(esc(chart.title))
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"100%\">");
    for (int i = 0; i <= 4; i++) {
      double y = top + plotH - plotH * i / 4;
      out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>",
          left, width - 10, y, y));
      out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#6b7280\">%s</text>",
          left - 4, y + 4, esc(cell(max * i / 4))));
    }
    int longest = 1;
    for (String label : chart.labels) {
      longest = Math.max(longest, label.length());
    }
    int fitting = Math.max(1, (int) (plotW / (longest * 6.5 + 12)));
    int step = Math.max(1, (n + fitting - 1) / fitting);
    for (int i = 0; i < n; i += step) {
      double x = left + plotW * (i + 0.5) / n;
      out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"#6b7280\">%s</text>",
          x, height - 10, esc(chart.labels.get(i))));
    }
    int s = 0;
    int seriesCount = chart.series.size();
    for (Map.Entry<String, List<Double>> e : chart.series.entrySet()) {
      String color = COLORS[s % COLORS.length];
      List<Double> values = e.getValue();
      if (chart.bars) {
        double slot = plotW / Math.max(1, n);
        double barW = Math.max(1, slot * 0.8 / seriesCount);
        for (int i = 0; i < values.size(); i++) {
          double v = values.get(i) == null || values.get(i).isNaN() ? 0 : values.get(i);
          double h = plotH * v / max;
          double x = left + slot * i + slot * 0.1 + barW * s;
          out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
              x, top + plotH - h, barW, h, color, esc(chart.labels.get(i) + " " + e.getKey() + ": " + cell(v))));
        }
      } else {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
          Double v = values.get(i);
          if (v == null || v.isNaN()) {
            continue;
          }
          double x = left + plotW * (i + 0.5) / n;
          double y = top + plotH - plotH * v / max;
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
          if (n <= 200) {
            out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s</title></circle>",
                x, y, color, esc(chart.labels.get(i) + " " + e.getKey() + ": " + cell(v))));
          }
        }
        out.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"")
            .append(points.toString().trim()).append("\"/>");
      }
      s++;
    }
    out.append("</svg><div class=\"legend\">");
    s = 0;
    for (String name : chart.series.keySet()) {
      out.append("<span style=\"color:").append(COLORS[s++ % COLORS.length]).append("\">&#9632; ").append(esc(name))
          .append("</span>");
    }
    out.append("</div>");
  }

  private static double niceCeiling(double max) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= max) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /** HTML-escapes text for element content and attribute values. */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
