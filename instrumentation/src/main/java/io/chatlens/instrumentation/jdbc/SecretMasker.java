package io.chatlens.instrumentation.jdbc;

/**
 * Finds passwords written without quotes, which the lexer cannot recognise as literals.
 *
 * <p>The token after {@code IDENTIFIED BY} (Oracle, MySQL; also {@code IDENTIFIED WITH plugin BY})
 * is masked in any statement. In {@code CREATE}/{@code ALTER} {@code USER}/{@code ROLE}/{@code
 * LOGIN} statements the token after {@code PASSWORD} (skipping {@code =}) and after Oracle's {@code
 * REPLACE old_password} is masked too, unless it is a keyword that follows {@code PASSWORD} in
 * account options ({@code EXPIRE}, {@code HISTORY}, {@code REUSE}, {@code REQUIRE}, {@code LOCK},
 * {@code NULL}). Bind parameters are never masked. An unquoted secret may lex as several tokens
 * ({@code 0ld} is a number and a word, {@code pa#ss} two words): every token that follows the masked
 * one without white space is part of it and is dropped. Call {@link #reset()} at each statement
 * boundary.
 */
final class SecretMasker {

  private static final String[] ACCOUNT_WORDS = {"USER", "ROLE", "LOGIN"};
  private static final String[] NOT_SECRETS = {"EXPIRE", "HISTORY", "REUSE", "REQUIRE", "LOCK", "NULL"};
  private static final int ACCOUNT_WORD_MAX_POSITION = 4;

  /** What to do with a token. */
  enum Verdict {
    /** Not a secret: write it. */
    KEEP,
    /** A secret: write {@code ?} instead. */
    MASK,
    /** The rest of a secret already written as {@code ?}: write nothing. */
    DROP
  }

  private int words;
  private boolean createOrAlter;
  private boolean accountStatement;
  private boolean identified;
  private boolean maskNext;
  private boolean inSecret;

  /** Forgets the current statement. */
  void reset() {
    words = 0;
    createOrAlter = false;
    accountStatement = false;
    identified = false;
    maskNext = false;
    inSecret = false;
  }

  /** Whether the current token of {@code token} is, or continues, a secret to replace with {@code ?}. */
  Verdict classify(SqlLexer token) {
    if (inSecret) {
      if (!token.spaceBefore() && !endsSecret(token)) {
        return Verdict.DROP;
      }
      inSecret = false;
    }
    SqlTokenType type = token.type();
    if (maskNext) {
      if (token.isPunctuation('=')) {
        return Verdict.KEEP;
      }
      maskNext = false;
      if (type == SqlTokenType.QUOTED_IDENTIFIER || type == SqlTokenType.STRING
          || type == SqlTokenType.NUMBER
          || (type == SqlTokenType.WORD && !token.isAnyWord(NOT_SECRETS))) {
        inSecret = true;
        return Verdict.MASK;
      }
    }
    if (type == SqlTokenType.WORD) {
      observeWord(token);
    }
    return Verdict.KEEP;
  }

  private static boolean endsSecret(SqlLexer token) {
    return token.type() == SqlTokenType.END || token.isPunctuation(';') || token.isPunctuation(',')
        || token.isPunctuation('(') || token.isPunctuation(')');
  }

  private void observeWord(SqlLexer token) {
    words++;
    if (words == 1) {
      createOrAlter = token.isWord("CREATE") || token.isWord("ALTER");
    } else if (createOrAlter && !accountStatement && words <= ACCOUNT_WORD_MAX_POSITION
        && token.isAnyWord(ACCOUNT_WORDS)) {
      accountStatement = true;
    }
    if (token.isWord("IDENTIFIED")) {
      identified = true;
    } else if (identified && token.isWord("BY")) {
      identified = false;
      maskNext = true;
    } else if (accountStatement && (token.isWord("PASSWORD") || token.isWord("REPLACE"))) {
      maskNext = true;
    }
  }
}
