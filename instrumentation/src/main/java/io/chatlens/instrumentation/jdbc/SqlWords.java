package io.chatlens.instrumentation.jdbc;

/** Case-insensitive keyword comparisons on a region of SQL text, without allocating. */
final class SqlWords {

  private SqlWords() {}

  /** Whether {@code sql[start, end)} is {@code keyword}, ignoring case. */
  static boolean is(String sql, int start, int end, String keyword) {
    int length = end - start;
    return length == keyword.length() && sql.regionMatches(true, start, keyword, 0, length);
  }

  /** Whether {@code sql[start, end)} is one of {@code keywords}, ignoring case. */
  static boolean isAny(String sql, int start, int end, String[] keywords) {
    return indexOf(sql, start, end, keywords) >= 0;
  }

  /** The index in {@code keywords} of {@code sql[start, end)}, ignoring case, or -1. */
  static int indexOf(String sql, int start, int end, String[] keywords) {
    for (int i = 0; i < keywords.length; i++) {
      if (is(sql, start, end, keywords[i])) {
        return i;
      }
    }
    return -1;
  }
}
