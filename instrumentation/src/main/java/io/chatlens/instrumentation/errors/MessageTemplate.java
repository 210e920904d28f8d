package io.chatlens.instrumentation.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error message into a template by replacing its variable parts with placeholders, so that two
 * occurrences of the same error with different data compare equal.
 *
 * <p>Replacements, applied in this order (earlier ones win where they overlap):
 *
 * <ol>
 *   <li>quoted text {@code 'bob'}, {@code "bob"}, {@code `bob`} → {@code <str>} (an apostrophe inside a word, as in
 *       {@code can't}, neither opens nor closes a quote);</li>
 *   <li>URLs {@code https://x.io/a?b=1}, {@code jdbc:postgresql://db:5432/app} → {@code <url>};</li>
 *   <li>e-mail addresses → {@code <email>};</li>
 *   <li>UUIDs → {@code <uuid>};</li>
 *   <li>ISO dates and timestamps {@code 2024-05-01}, {@code 2024-05-01T10:15:30.123Z}, and clock times
 *       {@code 10:15:30} → {@code <time>};</li>
 *   <li>IPv4 addresses with an optional port {@code 10.0.0.7:5432} → {@code <ip>};</li>
 *   <li>numbers standing alone: integers, decimals, negatives, exponents ({@code 3}, {@code -2.5}, {@code 1e-5})
 *       → {@code <n>}; a number glued to a word by {@code -} or {@code _} still counts ({@code order-1234} →
 *       {@code order-<n>}, {@code user_42} → {@code user_<n>}), but not one glued to letters ({@code abc123});</li>
 *   <li>words mixing letters and digits: {@code 0x1f} and hex strings of at least 8 characters that contain a
 *       digit ({@code 4f1c9a2b}, {@code abc123def}) → {@code <hex>}; any other mix ({@code 4f1c},
 *       {@code abc123xyz}, {@code ERR42}) → {@code <id>}. Words made only of letters are kept, whatever their
 *       length, so {@code deadbeef} stays, and words made only of digits are numbers.</li>
 * </ol>
 *
 * <p>So {@code Session sess-4f1c not found after 3 retries (user 'bob@x.io')} becomes
 * {@code Session sess-<id> not found after <n> retries (user <str>)}. Runs of whitespace become one space, the
 * result is trimmed and capped at {@link #MAX_LENGTH} characters. Only the first {@link #MAX_INPUT} characters of
 * a message are read.
 */
public final class MessageTemplate {

  /** The longest template returned. */
  public static final int MAX_LENGTH = 200;

  /** The most characters of a message that are read. */
  public static final int MAX_INPUT = 2_000;

  private static final String NOT_WORD_BEFORE = "(?<![\\p{L}0-9])";
  private static final String NOT_WORD_AFTER = "(?![\\p{L}0-9])";

  private static final Pattern QUOTED = Pattern.compile(NOT_WORD_BEFORE
      + "(?:'[^'\\r\\n]*'|\"[^\"\\r\\n]*\"|`[^`\\r\\n]*`)" + NOT_WORD_AFTER);
  private static final Pattern URL = Pattern.compile(
      "\\b(?:[A-Za-z][A-Za-z0-9+.-]*:){1,3}//[^\\s'\"<>()\\[\\]{}]*[^\\s'\"<>()\\[\\]{}.,;:!?]");
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![\\w.+-])[\\w.+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+){1,8}");
  private static final Pattern UUID = Pattern.compile(NOT_WORD_BEFORE
      + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}" + NOT_WORD_AFTER);
  private static final Pattern TIMESTAMP = Pattern.compile(NOT_WORD_BEFORE
      + "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?"
      + "(?:\\[[\\w/+-]+])?)?" + NOT_WORD_AFTER);
  private static final Pattern CLOCK_TIME = Pattern.compile(
      "(?<![\\p{L}0-9:])\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?![\\p{L}0-9:])");
  private static final Pattern IPV4 = Pattern.compile(
      "(?<![\\p{L}0-9.])(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?(?![\\p{L}0-9]|\\.\\d)");
  private static final Pattern NUMBER = Pattern.compile("(?:" + NOT_WORD_BEFORE + "-)?" + NOT_WORD_BEFORE
      + "\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?" + NOT_WORD_AFTER);
  private static final Pattern WORD = Pattern.compile("[\\p{L}0-9]+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private static final int MIN_HEX_LENGTH = 8;

  private MessageTemplate() {}

  /**
   * Messages repeat (the same error, the same data): their templates are remembered in a direct-mapped table of
   * {@value #CACHE_SLOTS} slots, chosen by the message's hash. A new message takes its slot, replacing whatever was
   * there: one array write, so the table never holds more than {@value #CACHE_SLOTS} templates and never scans,
   * clears or sorts on the caller's thread. Slots are read and written without locks: an entry is immutable (final
   * fields), so a thread sees either a whole entry or an older one, and a lost write only costs a recomputation.
   */
  private static final int CACHE_SLOTS = 1024;
  private static final int CACHEABLE_LENGTH = 512;
  private static final Remembered[] CACHE = new Remembered[CACHE_SLOTS];

  /** One remembered message and its template. */
  private record Remembered(String message, String template) {}

  /** The template of a message; empty for {@code null}. Never throws. */
  public static String of(String message) {
    if (message == null) {
      return "";
    }
    if (message.length() > CACHEABLE_LENGTH) {
      return compute(message);
    }
    int slot = slotOf(message);
    Remembered known = CACHE[slot];
    if (known != null && known.message().equals(message)) {
      return known.template();
    }
    String template = compute(message);
    CACHE[slot] = new Remembered(message, template);
    return template;
  }

  private static int slotOf(String message) {
    int hash = message.hashCode();
    return (hash ^ (hash >>> 16)) & (CACHE_SLOTS - 1);
  }

  /** The most templates remembered at once (for tests). */
  static int cacheCapacity() {
    return CACHE.length;
  }

  /** How many templates are remembered (for tests; scans the table). */
  static int cached() {
    int count = 0;
    for (Remembered remembered : CACHE) {
      if (remembered != null) {
        count++;
      }
    }
    return count;
  }

  private static String compute(String message) {
    try {
      String text = message.length() > MAX_INPUT ? message.substring(0, MAX_INPUT) : message;
      // each pattern runs only when the text holds a character that every match of it needs (the placeholders
      // hold none of them): the result is the same, and most messages skip most patterns
      if (text.indexOf('\'') >= 0 || text.indexOf('"') >= 0 || text.indexOf('`') >= 0) {
        text = QUOTED.matcher(text).replaceAll("<str>");
      }
      if (text.contains("//")) {
        text = URL.matcher(text).replaceAll("<url>");
      }
      if (text.indexOf('@') >= 0) {
        text = EMAIL.matcher(text).replaceAll("<email>");
      }
      if (text.indexOf('-') >= 0) {
        text = UUID.matcher(text).replaceAll("<uuid>");
        text = TIMESTAMP.matcher(text).replaceAll("<time>");
      }
      if (text.indexOf(':') >= 0) {
        text = CLOCK_TIME.matcher(text).replaceAll("<time>");
      }
      if (text.indexOf('.') >= 0) {
        text = IPV4.matcher(text).replaceAll("<ip>");
      }
      text = NUMBER.matcher(text).replaceAll("<n>");
      text = WORD.matcher(text).replaceAll(word -> Matcher.quoteReplacement(placeholderFor(word.group())));
      text = WHITESPACE.matcher(text).replaceAll(" ").trim();
      return cap(text);
    } catch (RuntimeException | StackOverflowError e) {
      return "";
    }
  }

  private static String placeholderFor(String word) {
    if (isHexLiteral(word)) {
      return "<hex>";
    }
    boolean digit = false;
    boolean letter = false;
    boolean hex = true;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean isDigit = c >= '0' && c <= '9';
      digit |= isDigit;
      letter |= !isDigit;
      hex &= isHexDigit(c);
    }
    if (!digit || !letter) {
      return word;
    }
    return hex && word.length() >= MIN_HEX_LENGTH ? "<hex>" : "<id>";
  }

  private static boolean isHexLiteral(String word) {
    if (word.length() < 3 || word.charAt(0) != '0' || (word.charAt(1) != 'x' && word.charAt(1) != 'X')) {
      return false;
    }
    for (int i = 2; i < word.length(); i++) {
      if (!isHexDigit(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String cap(String text) {
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    return text.substring(0, end).trim();
  }
}
