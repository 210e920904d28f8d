package io.chatlens.agent.redaction;

import java.util.Locale;
import java.util.Set;

/**
 * Cheap heuristics that tell a credential-looking word from ordinary prose, used where the context
 * alone is too weak to redact (for example {@code token expired} versus {@code token a8Fj2kq9}).
 */
final class SecretShape {

  /** At this length a word is treated as random whatever characters it has. */
  private static final int ALWAYS_RANDOM_LENGTH = 24;

  /** Words that commonly follow "password is", "token ..." in messages and are not secrets. */
  private static final Set<String> PROSE_WORDS = Set.of(
      "a", "an", "the", "and", "or", "not", "no", "to", "of", "for", "in", "on", "at", "by", "with", "from",
      "is", "was", "are", "be", "been", "being", "has", "have", "had", "will", "should", "must", "can",
      "cannot", "could", "would", "may", "it", "this", "that", "my", "your", "his", "her", "their", "our",
      "its", "incorrect", "invalid", "wrong", "required", "missing", "empty", "expired", "blank", "null",
      "none", "correct", "valid", "too", "weak", "strong", "set", "reset", "changed", "updated", "present",
      "absent", "mandatory", "optional", "ok", "okay", "accepted", "rejected", "unknown", "undefined",
      "provided", "needed", "hidden", "redacted", "masked", "expires", "revoked", "used", "saved",
      "stored", "same", "different", "also", "still", "now", "here", "there", "please", "field", "value",
      "length", "policy", "true", "false", "yes", "short", "long", "simple", "common", "easy", "old", "new",
      "case", "sensitive", "going", "about", "shown", "sent", "generated", "encrypted", "hashed", "only");

  private SecretShape() {}

  /**
   * Whether {@code text[start, end)} looks machine-generated: it has a digit, a symbol, an upper-case
   * letter after the first character, or is long.
   */
  static boolean looksRandom(CharSequence text, int start, int end) {
    if (end - start >= ALWAYS_RANDOM_LENGTH) {
      return true;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (!Character.isLetter(c) || i > start && Character.isUpperCase(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text[start, end)} is one of the common words that follow a key in prose. */
  static boolean isProseWord(CharSequence text, int start, int end) {
    int length = end - start;
    if (length > 12) {
      return false;
    }
    return PROSE_WORDS.contains(text.subSequence(start, end).toString().toLowerCase(Locale.ROOT));
  }
}
