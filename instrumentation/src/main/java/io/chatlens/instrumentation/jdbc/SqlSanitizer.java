package io.chatlens.instrumentation.jdbc;

/**
 * Turns raw SQL into text that is safe to record as {@code db.query.text}, and names its operation
 * and target table, in one pass of a lexer over the text.
 *
 * <p>What it does:
 *
 * <ul>
 *   <li>Replaces every literal with {@code ?}: strings ({@code '...'} with {@code ''} and backslash
 *       escapes, {@code E'...'}, {@code N'...'}, {@code U&'...'}, {@code X'...'}, {@code B'...'},
 *       Oracle {@code q'[...]'}, {@code $$...$$} and {@code $tag$...$tag$}) and numbers (integers,
 *       decimals, scientific notation, {@code 0x1F}, {@code 0b101}). {@code TRUE}, {@code FALSE} and
 *       {@code NULL} are keywords and stay. A sign is kept as an operator: {@code -5} becomes {@code
 *       -?}, because telling unary from binary minus needs a parser and the sign reveals nothing.
 *   <li>Keeps identifiers ({@code table1}, {@code "Name"}, {@code `name`}, {@code [name]}) and bind
 *       parameters ({@code ?}, {@code :name}, {@code $1}, {@code @p1}) as they are.
 *   <li>Removes comments: {@code --} to the end of the line and {@code /* ... *}{@code /}, nested
 *       ones included; {@code #} comments only in the {@link SqlDialect#MYSQL} dialect, since
 *       {@code #} is an operator in PostgreSQL.
 *   <li>Collapses {@code IN (1, 2, 3)} and {@code IN (?, ?, ?)} to {@code IN (?)}; leaves {@code
 *       VALUES} rows as they are.
 *   <li>Masks unquoted passwords after {@code IDENTIFIED BY} and after {@code PASSWORD} in {@code
 *       CREATE}/{@code ALTER USER}/{@code ROLE}/{@code LOGIN}.
 *   <li>Turns every run of white space and comments into one space and trims the ends.
 *   <li>Cuts text longer than the maximum length so that it ends in {@code ...} and is exactly the
 *       maximum length long.
 * </ul>
 *
 * <p>It never throws on any input and allocates little: the output builder (bounded by the maximum
 * length), a few small state objects and the result; when nothing had to change the input string
 * itself is returned as the text. Work is linear in the input length. Instances are immutable and
 * thread-safe.
 */
public final class SqlSanitizer {

  /** Default maximum length of the sanitized text. */
  public static final int DEFAULT_MAX_LENGTH = 2000;

  /** Smallest accepted maximum length: room for a keyword and the ellipsis. */
  public static final int MIN_MAX_LENGTH = 16;

  private final int maxLength;
  private final SqlDialect dialect;

  /** A sanitizer for the {@link SqlDialect#STANDARD} dialect with the default maximum length. */
  public SqlSanitizer() {
    this(DEFAULT_MAX_LENGTH, SqlDialect.STANDARD);
  }

  /**
   * A sanitizer for the {@link SqlDialect#STANDARD} dialect.
   *
   * @param maxLength maximum length of the sanitized text, at least {@link #MIN_MAX_LENGTH}
   * @throws IllegalArgumentException if {@code maxLength} is too small
   */
  public SqlSanitizer(int maxLength) {
    this(maxLength, SqlDialect.STANDARD);
  }

  /**
   * A sanitizer for the given dialect.
   *
   * @param maxLength maximum length of the sanitized text, at least {@link #MIN_MAX_LENGTH}
   * @param dialect lexical rules of the database; see {@link SqlDialect#forSystem(String)}
   * @throws IllegalArgumentException if {@code maxLength} is too small or {@code dialect} is null
   */
  public SqlSanitizer(int maxLength, SqlDialect dialect) {
    if (maxLength < MIN_MAX_LENGTH) {
      throw new IllegalArgumentException("maxLength must be at least " + MIN_MAX_LENGTH + ": " + maxLength);
    }
    if (dialect == null) {
      throw new IllegalArgumentException("dialect must not be null");
    }
    this.maxLength = maxLength;
    this.dialect = dialect;
  }

  /** Maximum length of the sanitized text. */
  public int maxLength() {
    return maxLength;
  }

  /** Lexical rules this sanitizer applies. */
  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * Sanitizes {@code sql}. Never throws: {@code null} or empty input gives {@link SanitizedSql#EMPTY},
   * and an unexpected internal failure gives {@link SanitizedSql#UNPARSEABLE}, never the raw text.
   */
  public SanitizedSql sanitize(String sql) {
    if (sql == null || sql.isEmpty()) {
      return SanitizedSql.EMPTY;
    }
    try {
      return run(sql);
    } catch (RuntimeException e) {
      return SanitizedSql.UNPARSEABLE;
    }
  }

  private SanitizedSql run(String sql) {
    SqlLexer lexer = new SqlLexer(sql, dialect);
    StatementBoundaries boundaries = new StatementBoundaries();
    SecretMasker secrets = new SecretMasker();
    StatementDescriber describer = new StatementDescriber(sql);
    SanitizedTextWriter writer = new SanitizedTextWriter(sql, maxLength);
    while (lexer.next() != SqlTokenType.END) {
      StatementBoundaries.Event event = boundaries.observe(lexer);
      if (event == StatementBoundaries.Event.SEPARATOR) {
        secrets.reset();
        writer.write(lexer, false);
        continue;
      }
      if (event == StatementBoundaries.Event.FIRST_TOKEN && boundaries.statements() > 1) {
        describer.multipleStatements();
      }
      SecretMasker.Verdict secret = secrets.classify(lexer);
      describer.accept(lexer, boundaries.level());
      if (secret != SecretMasker.Verdict.DROP) {
        writer.write(lexer, secret == SecretMasker.Verdict.MASK);
      }
    }
    return new SanitizedSql(writer.finish(), describer.operation(), describer.collection());
  }
}
