package io.chatlens.instrumentation.jdbc;

/**
 * Builds the sanitized text from tokens: literals become {@code ?}, every run of white space and
 * comments becomes one space, {@code IN} lists collapse, and the text is cut at the maximum length.
 *
 * <p>An {@code IN (...)} list collapses to {@code IN (?)} when it holds only literals, positional
 * {@code ?} parameters, {@code NULL}/{@code TRUE}/{@code FALSE}, signs and commas. Lists with named or
 * numbered parameters ({@code :ids}, {@code $1}, {@code @p1}), subqueries or expressions are kept as
 * they are (their literals still replaced). {@code VALUES (?, ?), (?, ?)} rows are never collapsed:
 * the row count is part of the statement's shape.
 *
 * <p>Memory is bounded: once the text exceeds the maximum length nothing more is appended (a
 * collapsing {@code IN} list may still shorten it back), and {@link #finish()} cuts it to the maximum
 * length, ending in {@code ...}.
 */
final class SanitizedTextWriter {

  private static final String ELLIPSIS = "...";

  private enum InList { NONE, AFTER_IN, OPEN }

  private final String sql;
  private final int maxLength;
  private final StringBuilder out;
  private InList inList = InList.NONE;
  private int listStart;
  private boolean listHasValue;

  SanitizedTextWriter(String sql, int maxLength) {
    this.sql = sql;
    this.maxLength = maxLength;
    this.out = new StringBuilder(Math.min(sql.length(), maxLength) + ELLIPSIS.length());
  }

  /** Appends the current token of {@code token}, as {@code ?} when it is a literal or {@code masked}. */
  void write(SqlLexer token, boolean masked) {
    SqlTokenType type = token.type();
    boolean literal = masked || type == SqlTokenType.STRING || type == SqlTokenType.NUMBER;
    if (inList == InList.AFTER_IN) {
      inList = token.isPunctuation('(') ? InList.OPEN : InList.NONE;
      if (inList == InList.OPEN) {
        append(token, false);
        listStart = out.length();
        listHasValue = false;
        return;
      }
    } else if (inList == InList.OPEN) {
      if (token.isPunctuation(')')) {
        inList = InList.NONE;
        if (listHasValue) {
          out.setLength(listStart);
          appendRaw("?)");
          return;
        }
      } else if (literal || isPositionalParameter(token)
          || token.isWord("NULL") || token.isWord("TRUE") || token.isWord("FALSE")) {
        listHasValue = true;
      } else if (!token.isPunctuation(',') && !token.isPunctuation('-') && !token.isPunctuation('+')) {
        inList = InList.NONE;
      }
    }
    if (token.isWord("IN")) {
      inList = InList.AFTER_IN;
    }
    append(token, literal);
  }

  /** The finished text, trimmed and cut to the maximum length. */
  String finish() {
    if (out.length() > maxLength) {
      int cut = maxLength - ELLIPSIS.length();
      if (cut > 0 && Character.isHighSurrogate(out.charAt(cut - 1))) {
        cut--;
      }
      out.setLength(cut);
      out.append(ELLIPSIS);
    }
    return out.length() == sql.length() && sql.contentEquals(out) ? sql : out.toString();
  }

  private boolean isPositionalParameter(SqlLexer token) {
    return token.type() == SqlTokenType.PARAMETER && token.end() - token.start() == 1
        && sql.charAt(token.start()) == '?';
  }

  private void append(SqlLexer token, boolean literal) {
    if (out.length() > maxLength) {
      return;
    }
    if (token.spaceBefore() && out.length() > 0) {
      out.append(' ');
    }
    if (literal) {
      out.append('?');
    } else {
      long room = (long) maxLength + 1 - out.length();
      out.append(sql, token.start(), (int) Math.min(token.end(), token.start() + room));
    }
  }

  private void appendRaw(String text) {
    if (out.length() <= maxLength) {
      out.append(text);
    }
  }
}
