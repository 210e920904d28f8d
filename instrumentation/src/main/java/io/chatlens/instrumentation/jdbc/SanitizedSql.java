package io.chatlens.instrumentation.jdbc;

/**
 * The result of sanitizing one SQL text.
 *
 * @param text the SQL with every literal replaced by {@code ?}, comments removed and white space
 *     normalised, suitable for {@code db.query.text}; never {@code null}, empty for empty input
 * @param operation the statement keyword in upper case ({@code SELECT}, {@code INSERT}, ...) for
 *     {@code db.operation.name}, or {@code null} when unknown
 * @param collection the single table (or, for {@code CALL}, procedure) the statement targets, schema
 *     qualification kept and identifier quotes removed, for {@code db.collection.name}; {@code null}
 *     when there is none or more than one
 */
public record SanitizedSql(String text, String operation, String collection) {

  /** The result for {@code null} or empty input. */
  public static final SanitizedSql EMPTY = new SanitizedSql("", null, null);

  /**
   * The result when sanitizing failed unexpectedly: a fully masked text, so that nothing of the
   * original can leak.
   */
  public static final SanitizedSql UNPARSEABLE = new SanitizedSql("?", null, null);
}
