package io.chatlens.agent.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Immutable settings of the redaction stage: the key deny list, extra value patterns and how user ids
 * are pseudonymised. Build one with {@link #builder()} or take {@link #defaults()}.
 *
 * <p>Deny-list entries are globs where {@code *} stands for any run of characters. Matching ignores
 * case and treats {@code -}, {@code _} and {@code .} as interchangeable (they are dropped before
 * comparing). A glob matches a key when it matches the whole key or any run of whole words of it, words
 * being split at {@code - _ .}, camelCase humps and letter/digit changes: {@code password} matches
 * {@code db.password}, {@code userPassword} and {@code password_confirm}, but not {@code passenger}.
 */
public final class RedactionConfig {

  /** The deny list used when none is configured. */
  public static final List<String> DEFAULT_SENSITIVE_KEYS = List.of(
      "password", "passwd", "pwd", "pass", "passphrase", "passcode", "secret", "*secret*", "*token*", "*key", "*apikey*", "api_key",
      "authorization", "auth", "cookie", "set-cookie", "credential*", "private*", "session_secret",
      "card*", "cvv", "ssn", "iban", "pin");

  private static final RedactionConfig DEFAULTS = builder().build();

  private final List<String> sensitiveKeys;
  private final List<LabeledPattern> patterns;
  private final boolean hashUserIds;
  private final String salt;
  private final int maxLabelValues;

  private RedactionConfig(Builder builder) {
    this.sensitiveKeys = List.copyOf(builder.sensitiveKeys);
    this.patterns = List.copyOf(builder.patterns);
    this.hashUserIds = builder.hashUserIds;
    this.salt = builder.salt;
    this.maxLabelValues = builder.maxLabelValues;
  }

  /** The default deny list, no extra patterns, user ids left as they are. */
  public static RedactionConfig defaults() {
    return DEFAULTS;
  }

  /** A builder that starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .sensitiveKeys(sensitiveKeys)
        .patterns(patterns)
        .hashUserIds(hashUserIds)
        .salt(salt)
        .maxLabelValues(maxLabelValues);
  }

  /** The key deny-list globs, as configured. */
  public List<String> sensitiveKeys() {
    return sensitiveKeys;
  }

  /** The extra value patterns, applied in this order. */
  public List<LabeledPattern> patterns() {
    return patterns;
  }

  /** Whether {@link Redactor#userId(String)} replaces ids by a salted hash. */
  public boolean hashUserIds() {
    return hashUserIds;
  }

  /** The salt put before the id when hashing; empty when none is configured. */
  public String salt() {
    return salt;
  }

  /** The most distinct values one metric label keeps before new values become {@code other}. */
  public int maxLabelValues() {
    return maxLabelValues;
  }

  /**
   * Parses the {@code chatlens.redaction.patterns} format: {@code label=regex;label2=regex2}. Blank
   * entries are ignored. A {@code ;} that belongs to an expression is written {@code \;} (which the
   * regular expression reads as a literal semicolon).
   *
   * @return the patterns in order; empty for {@code null} or blank input
   * @throws IllegalArgumentException naming the entry when a label or expression is invalid
   */
  public static List<LabeledPattern> parsePatterns(String spec) {
    List<LabeledPattern> result = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return result;
    }
    for (String entry : splitOnUnescapedSemicolons(spec)) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0 || eq == trimmed.length() - 1) {
        throw new IllegalArgumentException("Invalid redaction pattern '" + trimmed
            + "': expected label=regex, for example employee-id=EMP-[0-9]{6}");
      }
      result.add(LabeledPattern.of(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim()));
    }
    return result;
  }

  private static List<String> splitOnUnescapedSemicolons(String spec) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '\\' && i + 1 < spec.length()) {
        current.append(c).append(spec.charAt(++i));
      } else if (c == ';') {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  @Override
  public String toString() {
    return "RedactionConfig{sensitiveKeys=" + sensitiveKeys + ", patterns=" + patterns.size()
        + ", hashUserIds=" + hashUserIds + ", salt=" + (salt.isEmpty() ? "none" : "****") + '}';
  }

  /** Collects settings for a {@link RedactionConfig}; starts from the defaults. */
  public static final class Builder {

    private final List<String> sensitiveKeys = new ArrayList<>(DEFAULT_SENSITIVE_KEYS);
    private final List<LabeledPattern> patterns = new ArrayList<>();
    private boolean hashUserIds;
    private String salt = "";
    private int maxLabelValues = LabelGuard.DEFAULT_MAX_VALUES;

    private Builder() {}

    /** The most distinct values per metric label ({@code chatlens.metrics.max-label-values}); at least 1. */
    public Builder maxLabelValues(int limit) {
      this.maxLabelValues = Math.max(1, limit);
      return this;
    }

    /** Replaces the whole deny list, defaults included. */
    public Builder sensitiveKeys(Collection<String> globs) {
      sensitiveKeys.clear();
      return addSensitiveKeys(globs);
    }

    /** Adds globs to the deny list. */
    public Builder addSensitiveKeys(Collection<String> globs) {
      for (String glob : globs) {
        addSensitiveKey(glob);
      }
      return this;
    }

    /**
     * Adds one glob to the deny list.
     *
     * @throws IllegalArgumentException when the glob is blank, has characters other than letters,
     *     digits, {@code * - _ .}, or has no letter or digit (it would match every key)
     */
    public Builder addSensitiveKey(String glob) {
      Objects.requireNonNull(glob, "glob");
      String trimmed = glob.trim();
      KeyGlob.parse(trimmed);
      sensitiveKeys.add(trimmed);
      return this;
    }

    /** Replaces the extra value patterns. */
    public Builder patterns(Collection<LabeledPattern> labeledPatterns) {
      patterns.clear();
      for (LabeledPattern pattern : labeledPatterns) {
        addPattern(pattern);
      }
      return this;
    }

    /** Adds an extra value pattern. */
    public Builder addPattern(LabeledPattern pattern) {
      patterns.add(Objects.requireNonNull(pattern, "pattern"));
      return this;
    }

    /**
     * Adds an extra value pattern from its label and expression.
     *
     * @throws IllegalArgumentException when the label or expression is invalid
     */
    public Builder addPattern(String label, String regex) {
      return addPattern(LabeledPattern.of(label, regex));
    }

    /** Whether user ids are replaced by a salted hash. */
    public Builder hashUserIds(boolean enabled) {
      this.hashUserIds = enabled;
      return this;
    }

    /** The salt for user id hashing; {@code null} means none. */
    public Builder salt(String value) {
      this.salt = value == null ? "" : value;
      return this;
    }

    /** The immutable configuration. */
    public RedactionConfig build() {
      return new RedactionConfig(this);
    }
  }
}
