package io.chatlens.agent.redaction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The single redaction stage every log message, span attribute, exception message and alert payload
 * passes before it leaves the process. Thread-safe; build one per configuration and share it.
 *
 * <p>Free text goes through detectors for PEM private keys ({@code [REDACTED:private-key]}), credentials
 * ({@code [REDACTED:token]}), e-mail addresses, also encoded or obfuscated ({@code [REDACTED:email]}),
 * passwords in URLs ({@code [REDACTED:secret]}), card numbers ({@code [REDACTED:card]}), US social
 * security numbers ({@code [REDACTED:ssn]}), IBANs ({@code [REDACTED:iban]}), international phone
 * numbers ({@code [REDACTED:phone]}), the configured extra patterns
 * ({@code [REDACTED:<label>]}) and values of deny-listed keys ({@code [REDACTED:secret]}). Each detector
 * starts with a cheap check (an {@code @}, a long digit run, a known prefix or key word) and runs no
 * regular expression on text that cannot match. Overlapping findings become one marker.
 *
 * <p>Guarantees: methods never throw; {@code null} stays {@code null}; when nothing is redacted the very
 * same {@code String} instance is returned, so {@code result == input} means "unchanged"; if redaction
 * fails unexpectedly the stage fails closed and returns {@code [REDACTED:unprocessable]} rather than the
 * raw text.
 */
public final class Redactor {

  /** Written instead of the whole text when redaction failed. */
  static final String UNPROCESSABLE = RedactionMarkers.marker(RedactionMarkers.UNPROCESSABLE);
  /**
   * Keys that hold counts although the deny list would take them for secrets (they contain "token"): declared by the
   * component units ({@code ComponentUnit#countFields()}, the llm unit's token counts). Their values are numbers, or
   * input/output.
   */
  static final java.util.Set<String> TOKEN_COUNTS = io.chatlens.instrumentation.ComponentUnits.ALL.stream()
      .flatMap(unit -> unit.countFields().stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * Span attributes whose values are the agent's own words, hashes or code names, never application text (the core's
   * and each component unit's {@code vocabularyAttributes()}).
   */
  static final java.util.Set<String> VOCABULARY = java.util.stream.Stream.concat(
      io.chatlens.instrumentation.core.Instruments.CORE_VOCABULARY_ATTRIBUTES.stream(),
      io.chatlens.instrumentation.ComponentUnits.ALL.stream().flatMap(unit -> unit.vocabularyAttributes().stream()))
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** Attribute keys seen by {@link #isSensitiveKey(String)} are remembered up to this many. */
  private static final int KEY_CACHE_LIMIT = 4096;

  private static final int SHORTEST_CARD_NUMBER = 13;
  private static final int CLEAN_TEXT_CACHE_SIZE = 4096;
  private static final int CLEAN_TEXT_MAX_LENGTH = 512;

  private final RedactionConfig config;
  private final SensitiveKeyMatcher keys;
  private final TokenDetector tokens = new TokenDetector();
  private final EmailDetector emails = new EmailDetector();
  private final CardNumberDetector cards = new CardNumberDetector();
  private final PrivateKeyDetector privateKeys = new PrivateKeyDetector();
  private final UrlCredentialDetector urlCredentials = new UrlCredentialDetector();
  private final NationalIdDetector nationalIds = new NationalIdDetector();
  private final PhoneDetector phones = new PhoneDetector();
  private final PatternDetector extraPatterns;
  private final KeyValueDetector keyValues;
  private final UserIdHasher userIds;
  private final QueryHasher queries;
  private final LabelGuard labels;
  private final Map<String, Boolean> keyVerdicts = new ConcurrentHashMap<>();
  private final java.util.Set<String> unscanned;
  /**
   * Recent texts in which nothing was found. Log messages and context values repeat a lot ("Handled message
   * in 0 ms, status=success", a session id), and a lookup is far cheaper than a scan. Only clean texts are
   * kept, so the cache never holds a secret; it is emptied when full.
   */
  private final Map<String, Boolean> cleanTexts = new ConcurrentHashMap<>();
  private final LongAdder redactions = new LongAdder();
  private final LongAdder failures = new LongAdder();

  /**
   * Compiles the configuration.
   *
   * @throws IllegalArgumentException when a deny-list glob is invalid
   */
  public Redactor(RedactionConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.keys = new SensitiveKeyMatcher(config.sensitiveKeys());
    this.extraPatterns = config.patterns().isEmpty() ? null : new PatternDetector(config.patterns());
    this.keyValues = new KeyValueDetector(keys);
    this.userIds = config.hashUserIds() ? new UserIdHasher(config.salt()) : null;
    this.queries = new QueryHasher(config.salt());
    this.labels = new LabelGuard(this, config.maxLabelValues());
    this.unscanned = extraPatterns != null ? java.util.Set.of() : VOCABULARY.stream().filter(key -> !isSensitiveKey(key))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * Whether an attribute's value is the agent's own vocabulary ({@link #VOCABULARY}) and so is exported without a
   * scan. Never when custom patterns are configured or a deny-list key matches the attribute's name.
   */
  public boolean isAgentVocabulary(String key) {
    return unscanned.contains(key);
  }

  /** The metric-label guard: redaction plus a per-metric, per-label cardinality limit. */
  public LabelGuard labels() {
    return labels;
  }

  /**
   * A stable keyed digest of a search query (16 hex digits of HMAC-SHA256 over the trimmed, lower-cased query),
   * keyed by the configured salt, or by a random per-process key when none is configured: equal queries hash
   * alike, but a dictionary of likely queries cannot be matched against the hashes without the key.
   */
  public String queryHash(String query) {
    if (query == null) {
      return null;
    }
    try {
      return queries.hash(query);
    } catch (RuntimeException e) {
      failures.increment();
      return RedactionMarkers.REDACTED;
    }
  }

  /** A redactor with {@link RedactionConfig#defaults()}. */
  public static Redactor withDefaults() {
    return new Redactor(RedactionConfig.defaults());
  }

  /** The configuration this redactor was built from. */
  public RedactionConfig config() {
    return config;
  }

  /**
   * Redacts sensitive values in free text.
   *
   * @return {@code text} itself when nothing was found, otherwise a copy with markers in place of the
   *     sensitive values; {@code null} for {@code null}
   */
  public String redact(String text) {
    if (text == null || text.isEmpty() || extraPatterns == null && isPlainHex(text)) {
      return text;
    }
    boolean cacheable = text.length() <= CLEAN_TEXT_MAX_LENGTH;
    if (cacheable && cleanTexts.containsKey(text)) {
      return text;
    }
    try {
      Findings findings = new Findings();
      // Called one by one (not through a list) so each call site stays monomorphic on the hot path.
      // The order names overlapping findings: on a tie the earlier detector's label wins.
      privateKeys.detect(text, findings);
      tokens.detect(text, findings);
      emails.detect(text, findings);
      urlCredentials.detect(text, findings);
      cards.detect(text, findings);
      nationalIds.detect(text, findings);
      phones.detect(text, findings);
      if (extraPatterns != null) {
        extraPatterns.detect(text, findings);
      }
      keyValues.detect(text, findings);
      if (findings.isEmpty()) {
        if (cacheable) {
          if (cleanTexts.size() >= CLEAN_TEXT_CACHE_SIZE) {
            cleanTexts.clear();
          }
          cleanTexts.put(text, Boolean.TRUE);
        }
        return text;
      }
      String redacted = findings.applyTo(text);
      redactions.add(findings.replacedCount());
      return redacted;
    } catch (RuntimeException | StackOverflowError e) {
      failures.increment();
      return UNPROCESSABLE;
    }
  }

  /**
   * Lower-case hex digits only (numbers, trace and span ids), with no run of digits long enough for a card
   * number: no built-in detector can match such text (they need a separator, an {@code @}, an upper-case or
   * non-hex letter, or 13 digits in a row), so it is not scanned.
   */
  private static boolean isPlainHex(String text) {
    int digitRun = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digitRun >= SHORTEST_CARD_NUMBER) {
          return false;
        }
      } else if (c >= 'a' && c <= 'f') {
        digitRun = 0;
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * Redacts one attribute: the whole value becomes {@code [REDACTED]} when the key is on the deny list,
   * otherwise the value is redacted as free text.
   *
   * @return {@code value} itself when nothing was redacted
   */
  public String redactAttribute(String key, String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    if (isSensitiveKey(key)) {
      if (RedactionMarkers.REDACTED.equals(value)) {
        return value;
      }
      redactions.increment();
      return RedactionMarkers.REDACTED;
    }
    return redact(value);
  }

  /**
   * Whether {@code key} is on the deny list: case-insensitive, {@code - _ .} interchangeable, matched
   * against the whole key and each run of its words. {@code false} for {@code null} or empty keys.
   */
  public boolean isSensitiveKey(String key) {
    if (key == null || key.isEmpty() || TOKEN_COUNTS.contains(key)) {
      return false;
    }
    try {
      Boolean known = keyVerdicts.get(key);
      if (known != null) {
        return known;
      }
      boolean sensitive = keys.matches(key);
      if (keyVerdicts.size() < KEY_CACHE_LIMIT) {
        keyVerdicts.put(key, sensitive);
      }
      return sensitive;
    } catch (RuntimeException | StackOverflowError e) {
      failures.increment();
      return true;
    }
  }

  /**
   * The user id to export: the raw id, or {@code u_} plus the first 16 hex digits of
   * SHA-256(salt + id) when hashing is on. {@code null} stays {@code null}.
   */
  public String userId(String rawUserId) {
    if (rawUserId == null || userIds == null) {
      return rawUserId;
    }
    try {
      return userIds.hash(rawUserId);
    } catch (RuntimeException e) {
      failures.increment();
      return RedactionMarkers.REDACTED;
    }
  }

  /**
   * Applies {@link #redactAttribute(String, String)} to every entry.
   *
   * @return {@code attributes} itself when nothing changed, otherwise a new map in the same order;
   *     {@code null} for {@code null}
   */
  public Map<String, String> redactAll(Map<String, String> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return attributes;
    }
    Map<String, String> result = null;
    for (Map.Entry<String, String> entry : attributes.entrySet()) {
      String value = entry.getValue();
      String redacted = redactAttribute(entry.getKey(), value);
      if (redacted != value && result == null) {
        result = new LinkedHashMap<>(attributes);
      }
      if (result != null) {
        result.put(entry.getKey(), redacted);
      }
    }
    return result == null ? attributes : result;
  }

  /** How many values have been replaced by a marker so far (a self-metric). */
  public long redactionCount() {
    return redactions.sum();
  }

  /** How many times redaction failed and the stage returned a fail-closed marker (a self-metric). */
  public long failureCount() {
    return failures.sum();
  }
}
