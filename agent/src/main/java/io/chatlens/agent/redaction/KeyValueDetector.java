package io.chatlens.agent.redaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the values of deny-listed keys in free text and replaces the value only, keeping the key:
 * {@code password=hunter2}, {@code "apiKey": "abc"}, {@code Authorization: Bearer x},
 * {@code <password>x</password>}, and prose such as {@code my password is hunter2}.
 *
 * <p>The scan starts only where a fragment of a deny-listed key occurs (see
 * {@link SensitiveKeyMatcher#fragments()}); the word around it is then checked against the deny list and
 * the text after it parsed by hand. How sure the link between key and value is decides what is
 * redacted:
 *
 * <ul>
 *   <li>{@code =}, {@code :}, {@code =>}, {@code :=}, an XML element: the value is always redacted;
 *   <li>{@code is}, {@code was}, {@code are}: redacted unless it is a common word ({@code password is
 *       incorrect});
 *   <li>only blanks or {@code to}: redacted only when the value looks machine-generated ({@code token
 *       a8Fj2kq9}, {@code password to Hunter2!}, but not {@code token expired}).
 * </ul>
 *
 * <p>An unquoted value ends at white space, a quote, one of {@code < > ) ]}, a closing brace, an
 * {@code &} that starts the next query parameter, or a {@code ,} or {@code ;} followed by white space, a
 * quote or the end. Quoted values, escaped ones included, end at their closing quote. Cookie headers are
 * redacted to the end of the line. Values that open a JSON object or array are left to the keys inside
 * them.
 *
 * <p>Passwords may be passphrases with blanks in them ({@code my password is correct horse battery
 * staple}, {@code password=the blue horse}): after a password-like key ({@code password}, {@code passwd},
 * {@code pwd}, {@code passphrase}, {@code passcode}, ...) linked by {@code = : is was are}, the value runs
 * on over blank-separated words to the end of the sentence or line, at most
 * {@value #MAX_PASSPHRASE} characters, stopping before the next {@code key=} or {@code key:} pair or
 * {@code --option}. After {@code is} a passphrase may start with an article or possessive ({@code my
 * password is the name of my dog}); other common words still mean prose ({@code password is incorrect}).
 * Only a value whose first word looks like a word (letters, not machine-generated) is extended, and it
 * stops before a word run that names another deny-listed key ({@code ... and my api token is ...}).
 */
final class KeyValueDetector implements Detector {

  private static final String MARKER = RedactionMarkers.marker(RedactionMarkers.SECRET);
  /** Longer words are data, not keys; the limit also bounds the cost of checking one. */
  private static final int MAX_KEY_LENGTH = 128;
  private static final List<String> AUTH_SCHEMES = List.of("bearer", "basic", "digest", "token", "negotiate");
  private static final List<String> LINKING_VERBS = List.of("is", "was", "are");
  private static final List<String> LOOSE_LINKING_WORDS = List.of("to");
  /** Words that may start a passphrase after "password is" although they are common words. */
  private static final List<String> PASSPHRASE_STARTS =
      List.of("a", "an", "the", "my", "your", "his", "her", "their", "our", "its", "this", "that");
  /** The longest passphrase redacted after a password-like key. */
  static final int MAX_PASSPHRASE = 160;
  private static final List<String> CODE_SUFFIXES =
      List.of("Exception", "Error", ".java", ".kt", ".scala", ".groovy");

  private enum Link { CERTAIN, PROSE, LOOSE }

  private record Value(int start, int end) {}

  private final SensitiveKeyMatcher keys;
  private final LiteralScanner scanner;

  KeyValueDetector(SensitiveKeyMatcher keys) {
    this.keys = keys;
    List<LiteralScanner.Literal> literals = new ArrayList<>();
    for (String fragment : keys.fragments()) {
      literals.add(new LiteralScanner.Literal(fragment, true, true));
    }
    this.scanner = new LiteralScanner(literals, false);
  }

  @Override
  public void detect(String text, Findings findings) {
    scanner.scan(text, (start, end, index) -> onFragment(text, start, findings));
  }

  private int onFragment(String text, int hit, Findings findings) {
    int keyStart = hit;
    while (keyStart > 0 && isKeyChar(text.charAt(keyStart - 1))) {
      keyStart--;
    }
    int wordEnd = hit;
    while (wordEnd < text.length() && isKeyChar(text.charAt(wordEnd))) {
      wordEnd++;
    }
    int keyEnd = wordEnd;
    while (keyStart < keyEnd && NormalizedKey.isSeparator(text.charAt(keyStart))) {
      keyStart++;
    }
    while (keyEnd > keyStart && NormalizedKey.isSeparator(text.charAt(keyEnd - 1))) {
      keyEnd--;
    }
    if (keyEnd - keyStart > MAX_KEY_LENGTH || isCodeReference(text, keyStart, keyEnd)) {
      return wordEnd;
    }
    NormalizedKey key = NormalizedKey.of(text, keyStart, keyEnd);
    if (!keys.matches(key)) {
      return wordEnd;
    }
    Value value = valueAfter(text, keyStart, keyEnd, key.text().endsWith("cookie"), isPassphraseKey(key.text()));
    if (value == null) {
      return wordEnd;
    }
    findings.add(value.start(), value.end(), MARKER);
    return Math.max(wordEnd, value.end());
  }

  /**
   * Whether the word names code rather than data: a throwable class
   * ({@code io.jsonwebtoken.JwtException: message}) or a source file in a stack frame
   * ({@code (TokenStore.java:42)}).
   */
  private static boolean isCodeReference(String text, int start, int end) {
    for (String suffix : CODE_SUFFIXES) {
      if (endsWith(text, end, suffix) && end - suffix.length() >= start) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsWith(String text, int end, String suffix) {
    return text.regionMatches(end - suffix.length(), suffix, 0, suffix.length());
  }

  /** Whether the (normalized) key names a password, whose value may hold blanks. */
  private static boolean isPassphraseKey(String key) {
    return key.contains("pass") || key.contains("pwd");
  }

  private Value valueAfter(String text, int keyStart, int keyEnd, boolean toEndOfLine, boolean passphrase) {
    int length = text.length();
    int p = keyEnd;
    if (keyStart > 0 && text.charAt(keyStart - 1) == '<' && p < length && text.charAt(p) == '>') {
      return elementContent(text, p + 1);
    }
    if (p + 1 < length && text.charAt(p) == '\\' && isQuote(text.charAt(p + 1))) {
      p += 2;
    } else if (p < length && isQuote(text.charAt(p))) {
      p++;
    }
    int afterKey = p;
    p = skipBlanks(text, p);
    Link link;
    if (p < length && (text.charAt(p) == '=' || text.charAt(p) == ':')) {
      link = Link.CERTAIN;
      p++;
      if (p < length && (text.charAt(p) == '>' || text.charAt(p) == '=')) {
        p++;
      }
    } else if (p == afterKey) {
      return null;
    } else {
      int wordEnd = letterRunEnd(text, p);
      boolean linkingWord = true;
      if (isOneOf(text, p, wordEnd, LINKING_VERBS)) {
        link = Link.PROSE;
      } else {
        link = Link.LOOSE;
        linkingWord = isOneOf(text, p, wordEnd, LOOSE_LINKING_WORDS);
      }
      if (linkingWord) {
        p = wordEnd;
        if (p < length && text.charAt(p) == ':') {
          p++;
        } else if (p < length && !isBlank(text.charAt(p))) {
          return null;
        }
      }
    }
    p = skipBlanks(text, p);
    int schemeEnd = letterRunEnd(text, p);
    if (schemeEnd < length && isBlank(text.charAt(schemeEnd)) && isOneOf(text, p, schemeEnd, AUTH_SCHEMES)) {
      p = skipBlanks(text, schemeEnd);
    }
    return value(text, p, link, toEndOfLine, passphrase);
  }

  private Value value(String text, int p, Link link, boolean toEndOfLine, boolean passphrase) {
    int length = text.length();
    if (p >= length) {
      return null;
    }
    char c = text.charAt(p);
    int start;
    int end;
    boolean quoted = true;
    if (c == '\\' && p + 1 < length && isQuote(text.charAt(p + 1))) {
      start = p + 2;
      end = escapedQuote(text, start, text.charAt(p + 1));
    } else if (isQuote(c)) {
      start = p + 1;
      end = closingQuote(text, start, c);
    } else if (c == '{' || c == '[') {
      return null;
    } else {
      quoted = false;
      start = p;
      end = toEndOfLine ? trimBlanksBefore(text, start, lineEnd(text, start)) : unquotedEnd(text, start);
      boolean sentenceEnded = false;
      if (end - start > 1 && text.charAt(end - 1) == '.' && Character.isLetterOrDigit(text.charAt(end - 2))) {
        end--; // the full stop of a sentence
        sentenceEnded = true;
      }
      boolean passphraseStart = passphrase && link == Link.PROSE && (isOneOf(text, start, end, PASSPHRASE_STARTS)
          || SecretShape.isProseWord(text, start, end) && nextWordIsNotProse(text, end));
      if (link != Link.CERTAIN && !passphraseStart && SecretShape.isProseWord(text, start, end)) {
        return null;
      }
      if (passphrase && link != Link.LOOSE && !toEndOfLine && !sentenceEnded && end > start
          && !SecretShape.looksRandom(text, start, end)) {
        end = passphraseEnd(text, start, end);
      }
    }
    if (end <= start || text.startsWith(RedactionMarkers.PREFIX, start)) {
      return null;
    }
    if (!quoted && link != Link.CERTAIN) {
      if (link == Link.LOOSE && !SecretShape.looksRandom(text, start, end)) {
        return null;
      }
    }
    return new Value(start, end);
  }

  /**
   * Extends a password value over the blank-separated words after it: to the end of the sentence or
   * line, before a {@code key=} / {@code key:} pair, an {@code --option}, a marker or a closing quote or
   * bracket, and at most {@value #MAX_PASSPHRASE} characters from {@code start}.
   */
  private int passphraseEnd(String text, int start, int end) {
    int limit = Math.min(text.length(), start + MAX_PASSPHRASE);
    int p = end;
    while (p < limit && isBlank(text.charAt(p))) {
      int word = skipBlanks(text, p);
      if (word >= limit || startsPair(text, word) || text.startsWith("--", word)
          || text.startsWith(RedactionMarkers.PREFIX, word) || keyWithin(text, word, 4)) {
        break;
      }
      int wordEnd = unquotedEnd(text, word);
      if (wordEnd == word) {
        break;
      }
      if (wordEnd > limit) {
        return limit;
      }
      char last = text.charAt(wordEnd - 1);
      if ((last == '.' || last == '!' || last == '?') && wordEnd - word > 1) {
        return wordEnd - 1;
      }
      p = wordEnd;
    }
    return p;
  }

  /** Whether a blank and then a word that is not a common word follow ("correct horse", not "incorrect for"). */
  private static boolean nextWordIsNotProse(String text, int end) {
    if (end >= text.length() || !isBlank(text.charAt(end))) {
      return false;
    }
    int word = skipBlanks(text, end);
    int wordEnd = letterRunEnd(text, word);
    return wordEnd > word && !SecretShape.isProseWord(text, word, wordEnd);
  }

  /** Whether one of the next {@code words} words from {@code p} is a deny-listed key ("and my api token is ..."). */
  private boolean keyWithin(String text, int p, int words) {
    int i = p;
    for (int n = 0; n < words && i < text.length(); n++) {
      int end = i;
      while (end < text.length() && isKeyChar(text.charAt(end))) {
        end++;
      }
      if (end > i && end - i <= MAX_KEY_LENGTH && keys.matches(NormalizedKey.of(text, i, end)) && linkFollows(text, end)) {
        return true;
      }
      if (end == i || end >= text.length() || !isBlank(text.charAt(end))) {
        return false;
      }
      i = skipBlanks(text, end);
    }
    return false;
  }

  /** Whether {@code = : is was are} follows a key ending at {@code end}: the key starts a pair of its own. */
  private static boolean linkFollows(String text, int end) {
    int p = skipBlanks(text, end);
    if (p < text.length() && (text.charAt(p) == '=' || text.charAt(p) == ':')) {
      return true;
    }
    int wordEnd = letterRunEnd(text, p);
    return p > end && wordEnd < text.length() && isBlank(text.charAt(wordEnd)) && isOneOf(text, p, wordEnd, LINKING_VERBS);
  }

  /** Whether {@code text[p..]} starts a {@code key=value} or {@code key: value} pair. */
  private static boolean startsPair(String text, int p) {
    int i = p;
    while (i < text.length() && i - p <= MAX_KEY_LENGTH && isKeyChar(text.charAt(i))) {
      i++;
    }
    if (i == p || i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    return c == '=' || c == ':' && (i + 1 == text.length() || isBlank(text.charAt(i + 1)));
  }

  private static Value elementContent(String text, int start) {
    int close = text.indexOf('<', start);
    int end = close < 0 ? lineEnd(text, start) : close;
    int from = start;
    while (from < end && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    end = trimBlanksBefore(text, from, end);
    if (end <= from || text.startsWith(RedactionMarkers.PREFIX, from)) {
      return null;
    }
    return new Value(from, end);
  }

  private static int unquotedEnd(String text, int start) {
    int length = text.length();
    int end = start;
    while (end < length) {
      char c = text.charAt(end);
      if (Character.isWhitespace(c) || isQuote(c) || c == '<' || c == '>' || c == ')' || c == ']' || c == '}') {
        break;
      }
      if (c == '&' && startsQueryParameter(text, end + 1)) {
        break;
      }
      if (c == '\\' && end + 1 < length && isQuote(text.charAt(end + 1))) {
        break;
      }
      if ((c == ',' || c == ';') && (end + 1 == length || endsPair(text.charAt(end + 1)))) {
        break;
      }
      end++;
    }
    return end;
  }

  /** Whether {@code name=} follows, as after the {@code &} between query parameters. */
  private static boolean startsQueryParameter(String text, int start) {
    int i = start;
    while (i < text.length() && i - start <= MAX_KEY_LENGTH && isKeyChar(text.charAt(i))) {
      i++;
    }
    return i > start && i < text.length() && text.charAt(i) == '=';
  }

  private static boolean endsPair(char next) {
    return Character.isWhitespace(next) || isQuote(next) || next == '\\';
  }

  private static int closingQuote(String text, int start, char quote) {
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      } else if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return text.length();
  }

  private static int escapedQuote(String text, int start, char quote) {
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == quote) {
        return i;
      }
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return text.length();
  }

  private static int lineEnd(String text, int start) {
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return text.length();
  }

  private static int trimBlanksBefore(String text, int start, int end) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static int skipBlanks(String text, int p) {
    while (p < text.length() && isBlank(text.charAt(p))) {
      p++;
    }
    return p;
  }

  private static int letterRunEnd(String text, int p) {
    while (p < text.length() && Character.isLetter(text.charAt(p))) {
      p++;
    }
    return p;
  }

  private static boolean isOneOf(String text, int start, int end, List<String> words) {
    for (String word : words) {
      if (word.length() == end - start && text.regionMatches(true, start, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || NormalizedKey.isSeparator(c);
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
