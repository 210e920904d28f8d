package io.chatlens.instrumentation.jdbc;

/**
 * Splits SQL text into tokens in one forward pass, without allocating.
 *
 * <p>Comments and white space are skipped; {@link #spaceBefore()} tells whether any preceded the
 * current token. The lexer never throws: anything unterminated (a string, a quoted identifier, a
 * comment) runs to the end of the text, and unterminated quoted text is reported as {@link
 * SqlTokenType#STRING} so that it is never echoed.
 *
 * <p>Lexical choices:
 *
 * <ul>
 *   <li>{@code '...'} strings accept both {@code ''} and backslash escapes (MySQL style); a
 *       PostgreSQL string ending in a backslash therefore swallows the text up to the next quote,
 *       which can only hide text, never reveal it.
 *   <li>{@code --} always starts a comment; {@code /* ... *}{@code /} comments nest (PostgreSQL style),
 *       which again can only hide text on databases where they do not.
 *   <li>A number is never part of an identifier: {@code table1} is one word, while {@code 123abc}
 *       is the number {@code 123} followed by the word {@code abc}.
 *   <li>{@code [name]} is a quoted identifier only where nothing else can be meant: not after a
 *       name, {@code ]} or {@code )} (an array subscript) nor after {@code ARRAY}, starting with a
 *       letter, {@code _}, {@code @} or {@code #}, and holding only letters, digits that follow a
 *       letter or digit, {@code _}, {@code @}, {@code #}, {@code -} and spaces. Otherwise {@code [}
 *       is punctuation and what follows is lexed normally, which yields the same text and only
 *       loses the name for {@code db.collection.name}.
 * </ul>
 */
final class SqlLexer {

  private final String sql;
  private final int length;
  private final SqlDialect dialect;
  private int pos;
  private int start;
  private int end;
  private SqlTokenType type = SqlTokenType.END;
  private boolean spaceBefore;
  private boolean afterArrayKeyword;

  SqlLexer(String sql, SqlDialect dialect) {
    this.sql = sql;
    this.length = sql.length();
    this.dialect = dialect;
  }

  /** Advances to the next token and returns its type; {@link SqlTokenType#END} at the end. */
  SqlTokenType next() {
    afterArrayKeyword = isWord("ARRAY");
    spaceBefore = skipSpaceAndComments();
    start = pos;
    type = pos < length ? scanToken() : SqlTokenType.END;
    end = pos;
    return type;
  }

  /** The SQL text being lexed. */
  String sql() {
    return sql;
  }

  /** The type of the current token. */
  SqlTokenType type() {
    return type;
  }

  /** Where the current token starts in {@link #sql()}. */
  int start() {
    return start;
  }

  /** Where the current token ends (exclusive) in {@link #sql()}. */
  int end() {
    return end;
  }

  /** Whether white space or a comment came before the current token. */
  boolean spaceBefore() {
    return spaceBefore;
  }

  /** Whether the current token is the unquoted word {@code keyword}, ignoring case. */
  boolean isWord(String keyword) {
    return type == SqlTokenType.WORD && SqlWords.is(sql, start, end, keyword);
  }

  /** Whether the current token is an unquoted word in {@code keywords}, ignoring case. */
  boolean isAnyWord(String[] keywords) {
    return type == SqlTokenType.WORD && SqlWords.isAny(sql, start, end, keywords);
  }

  /** Whether the current token is the single punctuation character {@code c}. */
  boolean isPunctuation(char c) {
    return type == SqlTokenType.PUNCTUATION && end - start == 1 && sql.charAt(start) == c;
  }

  /** Whether the current token is a name part: an unquoted word or a quoted identifier. */
  boolean isName() {
    return type == SqlTokenType.WORD || type == SqlTokenType.QUOTED_IDENTIFIER;
  }

  private boolean skipSpaceAndComments() {
    boolean skipped = false;
    while (pos < length) {
      char c = sql.charAt(pos);
      if (isSpace(c)) {
        pos++;
      } else if (c == '-' && charAt(pos + 1) == '-') {
        pos = endOfLine(pos + 2);
      } else if (c == '/' && charAt(pos + 1) == '*') {
        pos = endOfBlockComment(pos + 2);
      } else if (c == '#' && dialect.hashComments()) {
        pos = endOfLine(pos + 1);
      } else {
        return skipped;
      }
      skipped = true;
    }
    return skipped;
  }

  private int endOfLine(int from) {
    int i = from;
    while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  private int endOfBlockComment(int from) {
    int depth = 1;
    int i = from;
    while (i < length - 1) {
      char c = sql.charAt(i);
      char d = sql.charAt(i + 1);
      if (c == '*' && d == '/') {
        i += 2;
        if (--depth == 0) {
          return i;
        }
      } else if (c == '/' && d == '*') {
        depth++;
        i += 2;
      } else {
        i++;
      }
    }
    return length;
  }

  private SqlTokenType scanToken() {
    char c = sql.charAt(pos);
    switch (c) {
      case '\'':
        return scanString(true);
      case '"':
        return dialect.doubleQuotedStrings() ? scanString(true) : scanQuotedIdentifier('"');
      case '`':
        return scanQuotedIdentifier('`');
      case '[':
        return startsBracketIdentifier() ? scanQuotedIdentifier(']') : punctuation(1);
      case '$':
        return scanDollar();
      case '?':
        pos++;
        skipDigits();
        return SqlTokenType.PARAMETER;
      case ':':
        return scanColon();
      case '@':
        return scanAt();
      case '#': // SQL Server #temp and ##global temporary tables
        int nameStart = charAt(pos + 1) == '#' ? pos + 2 : pos + 1;
        return isIdentifierStart(charAt(nameStart)) ? scanWord(nameStart) : punctuation(1);
      case '.':
        return isDigit(charAt(pos + 1)) && !isIdentifierPart(charAt(pos - 1))
            ? scanNumber()
            : punctuation(1);
      default:
        if (isDigit(c)) {
          return scanNumber();
        }
        if (isIdentifierStart(c)) {
          return scanWordOrPrefixedString(c);
        }
        return punctuation(1);
    }
  }

  private SqlTokenType punctuation(int width) {
    pos += width;
    return SqlTokenType.PUNCTUATION;
  }

  private SqlTokenType scanWordOrPrefixedString(char c) {
    char next = charAt(pos + 1);
    switch (Character.toUpperCase(c)) {
      case 'E': // PostgreSQL escape string
      case 'N': // SQL Server national string
      case 'X': // hex string
      case 'B': // bit string
        if (next == '\'') {
          pos++;
          return scanString(true);
        }
        if (Character.toUpperCase(c) == 'N' && (next == 'q' || next == 'Q') && charAt(pos + 2) == '\'') {
          pos += 2;
          return scanOracleQuote();
        }
        break;
      case 'Q': // Oracle alternative quoting
        if (next == '\'') {
          pos++;
          return scanOracleQuote();
        }
        break;
      case 'U': // PostgreSQL Unicode string
        if (next == '&' && charAt(pos + 2) == '\'') {
          pos += 2;
          return scanString(false);
        }
        break;
      default:
        break;
    }
    return scanWord(pos);
  }

  private SqlTokenType scanWord(int from) {
    pos = from;
    while (pos < length && isIdentifierPart(sql.charAt(pos))) {
      pos++;
    }
    return SqlTokenType.WORD;
  }

  /** Scans a string whose opening quote is at {@code pos}; the closing quote may be doubled. */
  private SqlTokenType scanString(boolean backslashEscapes) {
    char quote = sql.charAt(pos);
    int i = pos + 1;
    while (i < length) {
      char c = sql.charAt(i);
      if (c == '\\' && backslashEscapes) {
        i += 2;
      } else if (c == quote) {
        if (charAt(i + 1) != quote) {
          pos = i + 1;
          return SqlTokenType.STRING;
        }
        i += 2;
      } else {
        i++;
      }
    }
    pos = length;
    return SqlTokenType.STRING;
  }

  /** Scans {@code q'Xtext X'} whose quote is at {@code pos}; brackets pair up, other delimiters repeat. */
  private SqlTokenType scanOracleQuote() {
    if (pos + 1 >= length) {
      pos = length;
      return SqlTokenType.STRING;
    }
    char close = closingDelimiter(sql.charAt(pos + 1));
    for (int i = pos + 2; i < length - 1; i++) {
      if (sql.charAt(i) == close && sql.charAt(i + 1) == '\'') {
        pos = i + 2;
        return SqlTokenType.STRING;
      }
    }
    pos = length;
    return SqlTokenType.STRING;
  }

  private static char closingDelimiter(char open) {
    switch (open) {
      case '[':
        return ']';
      case '{':
        return '}';
      case '(':
        return ')';
      case '<':
        return '>';
      default:
        return open;
    }
  }

  /** Scans a quoted identifier opened at {@code pos}; unterminated ones become strings. */
  private SqlTokenType scanQuotedIdentifier(char close) {
    int i = pos + 1;
    while (i < length) {
      if (sql.charAt(i) == close) {
        if (charAt(i + 1) != close) {
          pos = i + 1;
          return SqlTokenType.QUOTED_IDENTIFIER;
        }
        i += 2;
      } else {
        i++;
      }
    }
    pos = length;
    return SqlTokenType.STRING;
  }

  private boolean startsBracketIdentifier() {
    if (afterArrayKeyword || isSubscriptable(charAt(pos - 1)) || isSubscriptable(previousNonSpace())) {
      return false;
    }
    char first = charAt(pos + 1);
    if (!(isIdentifierStart(first) || first == '@' || first == '#')) {
      return false;
    }
    for (int i = pos + 1; i < length; i++) {
      char c = sql.charAt(i);
      if (c == ']') {
        return charAt(i + 1) != ']';
      }
      boolean allowed = isDigit(c) ? isIdentifierPart(sql.charAt(i - 1)) && sql.charAt(i - 1) != '$'
          : c != '$' && (isIdentifierPart(c) || c == ' ' || c == '@' || c == '#' || c == '-');
      if (!allowed) {
        return false;
      }
    }
    return false;
  }

  /** Whether {@code c} can end an expression that a {@code [} would subscript. */
  private static boolean isSubscriptable(char c) {
    return c == ']' || c == ')' || c == '"' || c == '`' || isIdentifierPart(c);
  }

  private char previousNonSpace() {
    int i = pos - 1;
    while (i >= 0 && isSpace(sql.charAt(i))) {
      i--;
    }
    char c = charAt(i);
    return c == ']' || c == ')' ? c : 0;
  }

  /** {@code $1} parameter, {@code $$...$$} or {@code $tag$...$tag$} string, or a lone {@code $}. */
  private SqlTokenType scanDollar() {
    char next = charAt(pos + 1);
    if (isDigit(next)) {
      pos++;
      skipDigits();
      return SqlTokenType.PARAMETER;
    }
    int tagEnd = pos + 1;
    if (isIdentifierStart(next)) {
      while (tagEnd < length && isIdentifierPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
        tagEnd++;
      }
    }
    if (charAt(tagEnd) != '$') {
      return punctuation(1);
    }
    int tagLength = tagEnd + 1 - pos;
    int i = tagEnd + 1;
    while ((i = sql.indexOf('$', i)) >= 0) {
      if (sql.regionMatches(i, sql, pos, tagLength)) {
        pos = i + tagLength;
        return SqlTokenType.STRING;
      }
      i++;
    }
    pos = length;
    return SqlTokenType.STRING;
  }

  /**
   * {@code ::} cast, {@code :name} or {@code :1} parameter, or a lone {@code :}. A colon right after
   * a name, number, {@code ]} or {@code )} followed by a digit is an array slice ({@code a[1:2]}), so
   * the digits that follow are a number.
   */
  private SqlTokenType scanColon() {
    char next = charAt(pos + 1);
    if (next == ':') {
      return punctuation(2);
    }
    char before = charAt(pos - 1);
    boolean slice = isIdentifierPart(before) || before == ']' || before == ')';
    if (isIdentifierStart(next) || (isDigit(next) && !slice)) {
      scanWord(pos + 1);
      return SqlTokenType.PARAMETER;
    }
    return punctuation(1);
  }

  /** {@code @p1}, {@code @name} or {@code @@global} parameter or variable, or a lone {@code @}. */
  private SqlTokenType scanAt() {
    int i = pos + 1;
    if (charAt(i) == '@') {
      i++;
    }
    if (!isIdentifierStart(charAt(i))) {
      return punctuation(1);
    }
    scanWord(i);
    return SqlTokenType.PARAMETER;
  }

  private SqlTokenType scanNumber() {
    char c = sql.charAt(pos);
    char x = Character.toUpperCase(charAt(pos + 1));
    if (c == '0' && x == 'X' && isHexDigit(charAt(pos + 2))) {
      pos += 2;
      while (pos < length && isHexDigit(sql.charAt(pos))) {
        pos++;
      }
      return SqlTokenType.NUMBER;
    }
    if (c == '0' && x == 'B' && (charAt(pos + 2) == '0' || charAt(pos + 2) == '1')) {
      pos += 2;
      while (pos < length && (sql.charAt(pos) == '0' || sql.charAt(pos) == '1')) {
        pos++;
      }
      return SqlTokenType.NUMBER;
    }
    skipDigits();
    if (charAt(pos) == '.' && charAt(pos + 1) != '.') {
      pos++;
      skipDigits();
    }
    char e = charAt(pos);
    if (e == 'e' || e == 'E') {
      char sign = charAt(pos + 1);
      if (isDigit(sign)) {
        pos++;
        skipDigits();
      } else if ((sign == '+' || sign == '-') && isDigit(charAt(pos + 2))) {
        pos += 2;
        skipDigits();
      }
    }
    return SqlTokenType.NUMBER;
  }

  /** Skips digits, and underscores between digits (PostgreSQL 16 digit separators). */
  private void skipDigits() {
    while (pos < length) {
      char c = sql.charAt(pos);
      if (isDigit(c) || (c == '_' && isDigit(charAt(pos - 1)) && isDigit(charAt(pos + 1)))) {
        pos++;
      } else {
        return;
      }
    }
  }

  /** The character at {@code i}, or {@code 0} outside the text. */
  private char charAt(int i) {
    return i >= 0 && i < length ? sql.charAt(i) : 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
        || (c > 127 && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
  }

  private static boolean isIdentifierStart(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
    return Character.isLetter(c) || Character.isSurrogate(c);
  }

  private static boolean isIdentifierPart(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '$';
    }
    return Character.isLetterOrDigit(c) || Character.isSurrogate(c);
  }
}
