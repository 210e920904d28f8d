package io.chatlens.instrumentation.jdbc;

import java.util.Locale;

/**
 * Reads the database system, database name, host and port from a JDBC URL, for the OpenTelemetry
 * attributes {@code db.system.name}, {@code db.namespace}, {@code server.address} and {@code
 * server.port}. User names and passwords, wherever they appear in the URL, are never returned.
 *
 * <p>Supported: H2, PostgreSQL, MySQL, MariaDB, SQLite, Oracle, SQL Server (Microsoft driver and
 * jTDS), HSQLDB, Derby and Db2, plus the host-style URLs of ClickHouse, Trino, SAP HANA, Redshift,
 * Firebird and Informix, which have well-known {@code db.system.name} values too; anything else is
 * {@code other_sql}. Wrapping drivers ({@code jdbc:p6spy:}, {@code jdbc:otel:}, {@code
 * jdbc:log4jdbc:}, {@code jdbc:tracing:}, {@code jdbc:aws-wrapper:}) are looked through. Multi-host
 * URLs report their first host. When a URL names a host without a port, the system's default port
 * is reported; embedded and in-memory databases have no host and no port.
 *
 * <p>Parsing uses plain index arithmetic, no regular expressions, and never throws: garbage gives
 * {@link DbInfo#UNKNOWN} or whatever could be read. Results are kept in a small bounded LRU cache
 * because the same few URLs are parsed again and again; URLs longer than {@value
 * #MAX_CACHED_URL_LENGTH} characters are not cached. Instances are thread-safe.
 */
public final class JdbcUrlParser {

  /** Default number of cached URLs. */
  public static final int DEFAULT_CACHE_CAPACITY = 64;

  /** URLs longer than this are parsed every time and never cached. */
  public static final int MAX_CACHED_URL_LENGTH = 2048;

  private static final String[] WRAPPERS = {"p6spy:", "otel:", "log4jdbc:", "tracing:", "aws-wrapper:"};

  private final BoundedLruCache<String, DbInfo> cache;

  /** A parser with a cache of {@link #DEFAULT_CACHE_CAPACITY} URLs. */
  public JdbcUrlParser() {
    this(DEFAULT_CACHE_CAPACITY);
  }

  /**
   * A parser with a cache of {@code cacheCapacity} URLs; 0 disables caching.
   *
   * @throws IllegalArgumentException if {@code cacheCapacity} is negative
   */
  public JdbcUrlParser(int cacheCapacity) {
    this.cache = new BoundedLruCache<>(cacheCapacity);
  }

  /** What {@code jdbcUrl} tells about the database; {@link DbInfo#UNKNOWN} for null or garbage. */
  public DbInfo parse(String jdbcUrl) {
    if (jdbcUrl == null) {
      return DbInfo.UNKNOWN;
    }
    if (jdbcUrl.length() > MAX_CACHED_URL_LENGTH) {
      return parseUncached(jdbcUrl);
    }
    DbInfo cached = cache.get(jdbcUrl);
    if (cached == null) {
      cached = parseUncached(jdbcUrl);
      cache.put(jdbcUrl, cached);
    }
    return cached;
  }

  /** Number of URLs currently cached. */
  public int cacheSize() {
    return cache.size();
  }

  private static DbInfo parseUncached(String jdbcUrl) {
    try {
      return parseUrl(jdbcUrl.trim());
    } catch (RuntimeException e) {
      return DbInfo.UNKNOWN;
    }
  }

  private static DbInfo parseUrl(String url) {
    if (!JdbcUrlText.startsWith(url, 0, "jdbc:")) {
      return DbInfo.UNKNOWN;
    }
    int start = skipWrappers(url, 5);
    int colon = url.indexOf(':', start);
    if (colon < 0) {
      return DbInfo.UNKNOWN;
    }
    String subprotocol = url.substring(start, colon).toLowerCase(Locale.ROOT);
    String rest = url.substring(colon + 1);
    return switch (subprotocol) {
      case "postgresql", "pgsql" -> localDefault(DbSystem.POSTGRESQL, rest, 5432);
      case "mysql", "mysqlx" -> mysqlLike(DbSystem.MYSQL, rest, 3306);
      case "mysql+srv" -> mysqlLike(DbSystem.MYSQL, rest, null);
      case "mariadb" -> mysqlLike(DbSystem.MARIADB, rest, 3306);
      case "h2" -> h2(rest);
      case "hsqldb" -> hsqldb(rest);
      case "derby" -> derby(rest);
      case "sqlite" -> sqlite(rest);
      case "oracle" -> OracleUrlParser.parse(rest);
      case "sqlserver" -> SqlServerUrlParser.parseMicrosoft(rest);
      case "microsoft" -> SqlServerUrlParser.parseMicrosoft(afterSubprotocol(rest));
      case "jtds" -> SqlServerUrlParser.parseJtds(rest);
      case "db2" -> db2(rest);
      case "as400" -> hostStyle(DbSystem.DB2, rest, null, "/;?");
      case "clickhouse", "ch" -> hostStyle(DbSystem.CLICKHOUSE, rest, null, "/;?");
      case "trino" -> hostStyle(DbSystem.TRINO, rest, null, "/;?");
      case "sap" -> hostStyle(DbSystem.SAP_HANA, rest, null, "/;?");
      case "redshift" -> hostStyle(DbSystem.REDSHIFT, rest, 5439, "/;?");
      case "firebirdsql", "firebird" -> hostStyle(DbSystem.FIREBIRD, rest, 3050, ";?");
      case "informix-sqli" -> hostStyle(DbSystem.INFORMIX, rest, null, ":;?");
      default -> hostStyle(DbSystem.OTHER_SQL, rest, null, "/;?");
    };
  }

  private static int skipWrappers(String url, int from) {
    int start = from;
    boolean skipped = true;
    while (skipped) {
      skipped = false;
      for (String wrapper : WRAPPERS) {
        if (JdbcUrlText.startsWith(url, start, wrapper)) {
          start += wrapper.length();
          skipped = true;
        }
      }
    }
    return start;
  }

  private static String afterSubprotocol(String rest) {
    int colon = rest.indexOf(':');
    return colon < 0 ? "" : rest.substring(colon + 1);
  }

  /**
   * {@code //[user@]host[:port][,host2...]/database...}: the namespace is the path up to the first
   * of {@code dbEnd}. Without {@code //} nothing but the system is known.
   */
  private static DbInfo hostStyle(String system, String rest, Integer defaultPort, String dbEnd) {
    if (!rest.startsWith("//")) {
      return DbInfo.of(system);
    }
    int serverEnd = JdbcUrlText.indexOfAny(rest, "/?;", 2);
    ServerAddress server = ServerAddress.parse(rest, 2, serverEnd, defaultPort);
    String namespace = null;
    if (serverEnd < rest.length() && rest.charAt(serverEnd) == '/') {
      namespace = JdbcUrlText.part(rest, serverEnd + 1, JdbcUrlText.indexOfAny(rest, dbEnd, serverEnd + 1));
    }
    return DbInfo.of(system, namespace, server);
  }

  /**
   * PostgreSQL: like {@link #hostStyle}, but a URL without a host ({@code jdbc:postgresql:///db},
   * {@code jdbc:postgresql:db}) connects to localhost on the default port, as the driver does.
   */
  private static DbInfo localDefault(String system, String rest, int defaultPort) {
    if (!rest.startsWith("//")) {
      return new DbInfo(system, JdbcUrlText.part(rest, 0, JdbcUrlText.indexOfAny(rest, "?", 0)),
          "localhost", defaultPort);
    }
    DbInfo info = hostStyle(system, rest, defaultPort, "?");
    return info.host() != null ? info : new DbInfo(system, info.namespace(), "localhost", defaultPort);
  }

  /** MySQL and MariaDB, also with a subprotocol such as {@code loadbalance:} or {@code replication:}. */
  private static DbInfo mysqlLike(String system, String rest, Integer defaultPort) {
    String hosts = rest;
    if (!rest.startsWith("//")) {
      int colon = rest.indexOf(':');
      if (colon < 0 || !rest.startsWith("//", colon + 1)) {
        return DbInfo.of(system);
      }
      hosts = rest.substring(colon + 1);
    }
    DbInfo info = hostStyle(system, hosts, defaultPort, "?");
    return info.host() != null || defaultPort == null ? info
        : new DbInfo(system, info.namespace(), "localhost", defaultPort);
  }

  private static DbInfo h2(String rest) {
    String url = rest.substring(0, JdbcUrlText.indexOfAny(rest, ";", 0));
    if (JdbcUrlText.startsWith(url, 0, "tcp://") || JdbcUrlText.startsWith(url, 0, "ssl://")) {
      return hostStyle(DbSystem.H2, url.substring(url.indexOf(':') + 1), 9092, "");
    }
    return DbInfo.of(DbSystem.H2, embeddedName(url, "mem:", "file:"), ServerAddress.NONE);
  }

  private static DbInfo hsqldb(String rest) {
    String url = rest.substring(0, JdbcUrlText.indexOfAny(rest, ";", 0));
    Integer port = JdbcUrlText.startsWith(url, 0, "hsql://") ? Integer.valueOf(9001)
        : JdbcUrlText.startsWith(url, 0, "hsqls://") ? Integer.valueOf(554)
        : JdbcUrlText.startsWith(url, 0, "http://") ? Integer.valueOf(80)
        : JdbcUrlText.startsWith(url, 0, "https://") ? Integer.valueOf(443)
        : null;
    if (port != null) {
      return hostStyle(DbSystem.HSQLDB, url.substring(url.indexOf(':') + 1), port, "");
    }
    return DbInfo.of(DbSystem.HSQLDB, embeddedName(url, "mem:", "file:", "res:"), ServerAddress.NONE);
  }

  private static DbInfo derby(String rest) {
    String url = rest.substring(0, JdbcUrlText.indexOfAny(rest, ";", 0));
    if (url.startsWith("//")) {
      return hostStyle(DbSystem.DERBY, url, 1527, "");
    }
    if (JdbcUrlText.startsWith(url, 0, "jar:")) {
      int close = url.indexOf(')');
      return DbInfo.of(DbSystem.DERBY, JdbcUrlText.part(url, close < 0 ? 4 : close + 1, url.length()),
          ServerAddress.NONE);
    }
    return DbInfo.of(DbSystem.DERBY, embeddedName(url, "memory:", "directory:", "classpath:"),
        ServerAddress.NONE);
  }

  private static DbInfo sqlite(String rest) {
    String url = rest.substring(0, JdbcUrlText.indexOfAny(rest, "?", 0));
    String name = embeddedName(url, "file:");
    boolean inMemory = name == null || name.equals(":memory:") || name.startsWith(":resource:");
    return DbInfo.of(DbSystem.SQLITE, inMemory ? null : name, ServerAddress.NONE);
  }

  private static DbInfo db2(String rest) {
    if (rest.startsWith("//")) {
      return hostStyle(DbSystem.DB2, rest, 50000, ":;?");
    }
    return DbInfo.of(DbSystem.DB2, JdbcUrlText.part(rest, 0, JdbcUrlText.indexOfAny(rest, ":;?", 0)),
        ServerAddress.NONE);
  }

  /** An embedded database's name or path: {@code url} without the first matching prefix. */
  private static String embeddedName(String url, String... prefixes) {
    for (String prefix : prefixes) {
      if (JdbcUrlText.startsWith(url, 0, prefix)) {
        return JdbcUrlText.part(url, prefix.length(), url.length());
      }
    }
    return JdbcUrlText.part(url, 0, url.length());
  }
}
