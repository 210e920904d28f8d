package io.chatlens.agent.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The spans of one text that detectors want replaced. Overlapping spans are merged into one marker
 * (the span that starts first, or the longer one, or the one found first names it), and the output is
 * built once.
 */
final class Findings {

  private record Span(int start, int end, String marker) {}

  private static final Comparator<Span> ORDER =
      Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed());

  private List<Span> spans;
  private int replaced;

  /** Asks for {@code text[start, end)} to be replaced by {@code marker}; empty spans are ignored. */
  void add(int start, int end, String marker) {
    if (end <= start) {
      return;
    }
    if (spans == null) {
      spans = new ArrayList<>(4);
    }
    spans.add(new Span(start, end, marker));
  }

  /** Whether nothing was found. */
  boolean isEmpty() {
    return spans == null;
  }

  /** The text with every (merged) span replaced by its marker. */
  String applyTo(String text) {
    if (spans == null) {
      return text;
    }
    spans.sort(ORDER);
    StringBuilder out = new StringBuilder(text.length() + 16 * spans.size());
    int copied = 0;
    int i = 0;
    while (i < spans.size()) {
      Span first = spans.get(i);
      int end = first.end();
      i++;
      while (i < spans.size() && spans.get(i).start() < end) {
        end = Math.max(end, spans.get(i).end());
        i++;
      }
      out.append(text, copied, first.start()).append(first.marker());
      copied = end;
      replaced++;
    }
    out.append(text, copied, text.length());
    return out.toString();
  }

  /** How many markers {@link #applyTo(String)} wrote. */
  int replacedCount() {
    return replaced;
  }
}
