package io.chatlens.agent.redaction;

/**
 * A key in the form deny-list globs are compared with: lower case, without {@code - _ .}, plus the
 * positions where its words start. Words are split at separators, camelCase humps
 * ({@code apiKey}, {@code APIKey}) and changes between letters and digits ({@code password1}).
 */
final class NormalizedKey {

  private final String text;
  private final boolean[] boundary;

  private NormalizedKey(String text, boolean[] boundary) {
    this.text = text;
    this.boundary = boundary;
  }

  /** Normalizes {@code source[start, end)}. */
  static NormalizedKey of(CharSequence source, int start, int end) {
    StringBuilder text = new StringBuilder(end - start);
    boolean[] boundary = new boolean[end - start + 1];
    boundary[0] = true;
    char previous = 0;
    boolean afterSeparator = false;
    for (int i = start; i < end; i++) {
      char c = source.charAt(i);
      if (isSeparator(c)) {
        afterSeparator = true;
        continue;
      }
      int position = text.length();
      if (position > 0 && (afterSeparator || startsWord(previous, c, i + 1 < end ? source.charAt(i + 1) : 0))) {
        boundary[position] = true;
      }
      text.append(Character.toLowerCase(c));
      previous = c;
      afterSeparator = false;
    }
    boundary[text.length()] = true;
    return new NormalizedKey(text.toString(), boundary);
  }

  /** Whether {@code c} is one of the interchangeable separators {@code - _ .}. */
  static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == '.';
  }

  private static boolean startsWord(char previous, char c, char next) {
    if (Character.isLowerCase(previous) && Character.isUpperCase(c)) {
      return true;
    }
    if (Character.isUpperCase(previous) && Character.isUpperCase(c) && Character.isLowerCase(next)) {
      return true;
    }
    return Character.isLetter(previous) && Character.isDigit(c) || Character.isDigit(previous) && Character.isLetter(c);
  }

  /** The lower-case text without separators. */
  String text() {
    return text;
  }

  /** Whether a word starts or ends at {@code position} of {@link #text()} (always true at both ends). */
  boolean isBoundary(int position) {
    return boundary[position];
  }
}
