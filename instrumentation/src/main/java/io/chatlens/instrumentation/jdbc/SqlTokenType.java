package io.chatlens.instrumentation.jdbc;

/** The kinds of token {@link SqlLexer} produces. Comments and white space are not tokens. */
enum SqlTokenType {
  /** An unquoted identifier or keyword: {@code users}, {@code SELECT}, {@code table1}. */
  WORD,
  /** A quoted identifier: {@code "name"}, {@code `name`} or {@code [name]}. */
  QUOTED_IDENTIFIER,
  /**
   * A string literal of any form ({@code '...'}, {@code E'...'}, {@code N'...'}, {@code X'...'},
   * {@code $$...$$}, Oracle {@code q'[...]'}), or anything unterminated that must not be echoed.
   */
  STRING,
  /** A numeric literal: integer, decimal, scientific notation, hex or binary. */
  NUMBER,
  /** A bind parameter: {@code ?}, {@code ?1}, {@code :name}, {@code :1}, {@code $1}, {@code @p1}. */
  PARAMETER,
  /** Any other character, or the two-character cast operator {@code ::}. */
  PUNCTUATION,
  /** The end of the text. */
  END
}
