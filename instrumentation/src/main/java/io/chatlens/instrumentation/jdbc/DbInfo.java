package io.chatlens.instrumentation.jdbc;

/**
 * What a JDBC URL tells about the database, as OpenTelemetry attributes. Never holds user names or
 * passwords.
 *
 * @param system {@code db.system.name}: one of the {@link DbSystem} values, never {@code null}
 * @param namespace {@code db.namespace}: the database name (for SQL Server qualified by the instance
 *     as {@code instance|database}), or {@code null}
 * @param host {@code server.address}: the first host named by the URL, IPv6 without brackets, or
 *     {@code null} for embedded and in-memory databases
 * @param port {@code server.port}: the port named by the URL, else the system's default port when a
 *     host is known, else {@code null}
 */
public record DbInfo(String system, String namespace, String host, Integer port) {

  /** The result for a URL that is {@code null}, not a JDBC URL, or of an unknown database. */
  public static final DbInfo UNKNOWN = new DbInfo(DbSystem.OTHER_SQL, null, null, null);

  /** A result naming only the database system. */
  static DbInfo of(String system) {
    return new DbInfo(system, null, null, null);
  }

  /** A result with a namespace and a server address. */
  static DbInfo of(String system, String namespace, ServerAddress server) {
    return new DbInfo(system, namespace, server.host(), server.port());
  }
}
