package io.chatlens.instrumentation.jdbc;

/**
 * Reads Microsoft SQL Server JDBC URLs, both the Microsoft driver's {@code
 * sqlserver://host[\instance][:port][;property=value...]} and jTDS's {@code
 * sqlserver://host[:port][/database][;property=value...]}.
 *
 * <p>The namespace follows the SQL Server semantic conventions: the database qualified by the
 * instance name, {@code instance|database}. A named instance without an explicit port is reached
 * through the SQL Server Browser on a dynamic port, so the port is then {@code null} rather than
 * the default 1433. User names and passwords in the properties are ignored.
 */
final class SqlServerUrlParser {

  private static final int DEFAULT_PORT = 1433;

  private SqlServerUrlParser() {}

  /** Parses {@code rest}, the URL after {@code jdbc:sqlserver:} or {@code jdbc:microsoft:sqlserver:}. */
  static DbInfo parseMicrosoft(String rest) {
    if (!rest.startsWith("//")) {
      return DbInfo.of(DbSystem.SQL_SERVER);
    }
    int semicolon = JdbcUrlText.indexOf(rest, ';', 2, rest.length());
    String properties = semicolon < rest.length() ? rest.substring(semicolon + 1) : "";
    String server = rest.substring(2, semicolon);
    String instance = null;
    int backslash = server.indexOf('\\');
    if (backslash >= 0) {
      int colon = JdbcUrlText.indexOf(server, ':', backslash, server.length());
      instance = JdbcUrlText.part(server, backslash + 1, colon);
      server = server.substring(0, backslash) + server.substring(colon);
    }
    if (server.isEmpty()) {
      String named = JdbcUrlText.propertyValue(properties, "serverName");
      server = named == null ? "" : named;
    }
    if (instance == null) {
      instance = JdbcUrlText.propertyValue(properties, "instanceName");
    }
    String database = JdbcUrlText.propertyValue(properties, "databaseName");
    if (database == null) {
      database = JdbcUrlText.propertyValue(properties, "database");
    }
    String portProperty = JdbcUrlText.propertyValue(properties, "portNumber");
    if (portProperty == null) {
      portProperty = JdbcUrlText.propertyValue(properties, "port");
    }
    return build(DbSystem.SQL_SERVER, server, portProperty, instance, database, DEFAULT_PORT);
  }

  /** Parses {@code rest}, the URL after {@code jdbc:jtds:}: {@code sqlserver://...} or {@code sybase://...}. */
  static DbInfo parseJtds(String rest) {
    boolean sqlServer = JdbcUrlText.startsWith(rest, 0, "sqlserver:");
    String system = sqlServer ? DbSystem.SQL_SERVER : DbSystem.OTHER_SQL;
    int slashes = rest.indexOf("//");
    if (slashes < 0) {
      return DbInfo.of(system);
    }
    int semicolon = JdbcUrlText.indexOf(rest, ';', slashes + 2, rest.length());
    String properties = semicolon < rest.length() ? rest.substring(semicolon + 1) : "";
    int slash = JdbcUrlText.indexOf(rest, '/', slashes + 2, semicolon);
    String server = rest.substring(slashes + 2, slash);
    String database = slash < semicolon ? JdbcUrlText.part(rest, slash + 1, semicolon) : null;
    if (database == null) {
      database = JdbcUrlText.propertyValue(properties, "databaseName");
    }
    String instance = JdbcUrlText.propertyValue(properties, "instance");
    return build(system, server, null, instance, database, sqlServer ? Integer.valueOf(DEFAULT_PORT) : null);
  }

  private static DbInfo build(String system, String server, String portProperty, String instance,
      String database, Integer defaultPort) {
    Integer fallbackPort = instance == null ? defaultPort : null;
    if (portProperty != null) {
      fallbackPort = ServerAddress.parsePort(portProperty, 0, portProperty.length());
    }
    ServerAddress address = ServerAddress.parse(server, 0, server.length(), fallbackPort);
    String namespace = instance == null ? database : database == null ? instance : instance + "|" + database;
    return DbInfo.of(system, namespace, address);
  }
}
