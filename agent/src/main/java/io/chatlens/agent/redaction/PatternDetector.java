package io.chatlens.agent.redaction;

import java.util.List;
import java.util.regex.Matcher;

/** Applies the extra, user-configured value patterns; each match becomes {@code [REDACTED:<label>]}. */
final class PatternDetector implements Detector {

  private final List<LabeledPattern> patterns;
  private final List<String> markers;

  PatternDetector(List<LabeledPattern> patterns) {
    this.patterns = List.copyOf(patterns);
    this.markers = this.patterns.stream().map(LabeledPattern::marker).toList();
  }

  @Override
  public void detect(String text, Findings findings) {
    for (int i = 0; i < patterns.size(); i++) {
      Matcher matcher = patterns.get(i).pattern().matcher(text);
      while (matcher.find()) {
        findings.add(matcher.start(), matcher.end(), markers.get(i));
      }
    }
  }
}
