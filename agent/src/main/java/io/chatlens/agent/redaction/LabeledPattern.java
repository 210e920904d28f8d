package io.chatlens.agent.redaction;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An extra, user-configured value pattern: every match in free text is replaced by
 * {@code [REDACTED:<label>]}.
 *
 * @param label short name written in the marker; letters, digits, {@code _ . -}
 * @param pattern the compiled expression; it must not match the empty string
 */
public record LabeledPattern(String label, Pattern pattern) {

  private static final Pattern VALID_LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** Validates the label and rejects patterns that match the empty string. */
  public LabeledPattern {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(pattern, "pattern");
    if (!VALID_LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("Invalid redaction pattern label '" + label
          + "': use letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    if (pattern.matcher("").matches()) {
      throw new IllegalArgumentException("Invalid redaction pattern '" + label + "=" + pattern.pattern()
          + "': it matches the empty string");
    }
  }

  /**
   * Compiles {@code regex} under {@code label}.
   *
   * @throws IllegalArgumentException naming the label and the expression when either is invalid
   */
  public static LabeledPattern of(String label, String regex) {
    Objects.requireNonNull(regex, "regex");
    Pattern compiled;
    try {
      compiled = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("Invalid redaction pattern '" + label + "=" + regex + "': "
          + e.getDescription() + " near index " + e.getIndex(), e);
    }
    return new LabeledPattern(label, compiled);
  }

  /** The marker this pattern writes, for example {@code [REDACTED:employee-id]}. */
  public String marker() {
    return RedactionMarkers.marker(label);
  }
}
