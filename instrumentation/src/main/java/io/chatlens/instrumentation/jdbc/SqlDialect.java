package io.chatlens.instrumentation.jdbc;

/**
 * The lexical rules that differ between SQL databases in ways that matter for sanitizing.
 *
 * <p>Only two rules differ: whether {@code "..."} is an identifier or a string literal, and whether
 * {@code #} starts a comment. Everything else (string escapes, comments, dollar quoting, bind
 * parameters) is lexed the same way for every database.
 */
public enum SqlDialect {

  /**
   * ANSI behaviour, right for PostgreSQL, Oracle, SQL Server, H2, HSQLDB, Derby, DB2 and SQLite:
   * {@code "..."} is a quoted identifier and {@code #} is an operator (PostgreSQL XOR) or part of a
   * SQL Server temporary table name.
   */
  STANDARD(false, false),

  /**
   * MySQL and MariaDB in their default mode: {@code "..."} is a string literal (so it is replaced by
   * {@code ?}) and {@code #} starts a comment that runs to the end of the line.
   */
  MYSQL(true, true);

  private final boolean doubleQuotedStrings;
  private final boolean hashComments;

  SqlDialect(boolean doubleQuotedStrings, boolean hashComments) {
    this.doubleQuotedStrings = doubleQuotedStrings;
    this.hashComments = hashComments;
  }

  /** Whether {@code "..."} is a string literal rather than a quoted identifier. */
  public boolean doubleQuotedStrings() {
    return doubleQuotedStrings;
  }

  /** Whether {@code #} starts a comment that runs to the end of the line. */
  public boolean hashComments() {
    return hashComments;
  }

  /**
   * The dialect for an OpenTelemetry {@code db.system.name} value, as returned in {@link
   * DbInfo#system()}: {@link #MYSQL} for {@code mysql} and {@code mariadb}, {@link #STANDARD} for
   * everything else, {@code null} included.
   */
  public static SqlDialect forSystem(String dbSystemName) {
    return DbSystem.MYSQL.equals(dbSystemName) || DbSystem.MARIADB.equals(dbSystemName)
        ? MYSQL
        : STANDARD;
  }
}
