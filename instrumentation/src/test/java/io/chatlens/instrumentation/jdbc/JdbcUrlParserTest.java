package io.chatlens.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlParserTest {

  private final JdbcUrlParser parser = new JdbcUrlParser();

  static Stream<Arguments> embedded() {
    return Stream.of(
        arguments("jdbc:h2:mem:chatbot;DB_CLOSE_DELAY=-1", "h2database", "chatbot"),
        arguments("jdbc:h2:mem:", "h2database", null),
        arguments("jdbc:h2:file:/data/app", "h2database", "/data/app"),
        arguments("jdbc:h2:./data/app", "h2database", "./data/app"),
        arguments("jdbc:h2:~/test;USER=sa;PASSWORD=secret", "h2database", "~/test"),
        arguments("jdbc:sqlite:/path/app.db", "sqlite", "/path/app.db"),
        arguments("jdbc:sqlite:file:app.db?journal_mode=WAL", "sqlite", "app.db"),
        arguments("jdbc:sqlite::memory:", "sqlite", null),
        arguments("jdbc:sqlite:", "sqlite", null),
        arguments("jdbc:hsqldb:mem:test", "hsqldb", "test"),
        arguments("jdbc:hsqldb:file:/db/app;shutdown=true", "hsqldb", "/db/app"),
        arguments("jdbc:derby:memory:db;create=true", "derby", "db"),
        arguments("jdbc:derby:/var/db/app;user=x;password=y", "derby", "/var/db/app"),
        arguments("jdbc:derby:jar:(/lib/app.jar)db", "derby", "db"),
        arguments("jdbc:db2:SAMPLE", "ibm.db2", "SAMPLE"));
  }

  @ParameterizedTest
  @MethodSource("embedded")
  void embeddedDatabasesHaveNoServer(String url, String system, String namespace) {
    assertThat(parser.parse(url)).isEqualTo(new DbInfo(system, namespace, null, null));
  }

  static Stream<Arguments> servers() {
    return Stream.of(
        arguments("jdbc:h2:tcp://localhost:9092/~/test", "h2database", "~/test", "localhost", 9092),
        arguments("jdbc:h2:tcp://dbhost/mem:shared", "h2database", "mem:shared", "dbhost", 9092),
        arguments("jdbc:h2:ssl://dbhost:9093/data/app;CIPHER=AES", "h2database", "data/app", "dbhost", 9093),
        arguments("jdbc:postgresql://db.example.com:5433/chat?user=x&password=y", "postgresql", "chat", "db.example.com", 5433),
        arguments("jdbc:postgresql://host/db", "postgresql", "db", "host", 5432),
        arguments("jdbc:postgresql://host", "postgresql", null, "host", 5432),
        arguments("jdbc:postgresql:///db", "postgresql", "db", "localhost", 5432),
        arguments("jdbc:postgresql:db", "postgresql", "db", "localhost", 5432),
        arguments("jdbc:postgresql://h1:5432,h2:5433/db", "postgresql", "db", "h1", 5432),
        arguments("jdbc:postgresql://[::1]:5433/db", "postgresql", "db", "::1", 5433),
        arguments("jdbc:postgresql://[2001:db8::7]/db", "postgresql", "db", "2001:db8::7", 5432),
        arguments("jdbc:mysql://host:3306/app?useSSL=false", "mysql", "app", "host", 3306),
        arguments("jdbc:mysql://host:3307", "mysql", null, "host", 3307),
        arguments("jdbc:mysql:loadbalance://h1,h2/app", "mysql", "app", "h1", 3306),
        arguments("jdbc:mysql:replication://primary:3310,replica/app", "mysql", "app", "primary", 3310),
        arguments("jdbc:mysql://address=(host=h)(port=3307)(user=u)/app", "mysql", "app", "h", 3307),
        arguments("jdbc:mysql://(host=h,port=3308,user=u)/app", "mysql", "app", "h", 3308),
        arguments("jdbc:mysql:///app", "mysql", "app", "localhost", 3306),
        arguments("jdbc:mariadb://host/app", "mariadb", "app", "host", 3306),
        arguments("jdbc:mariadb:sequential://h1:3307,h2/app", "mariadb", "app", "h1", 3307),
        arguments("jdbc:oracle:thin:@host:1521:ORCL", "oracle.db", "ORCL", "host", 1521),
        arguments("jdbc:oracle:thin:@//host:1521/service", "oracle.db", "service", "host", 1521),
        arguments("jdbc:oracle:thin:@host:1525/service", "oracle.db", "service", "host", 1525),
        arguments("jdbc:oracle:thin:@host/service", "oracle.db", "service", "host", 1521),
        arguments("jdbc:oracle:thin:@host", "oracle.db", null, "host", 1521),
        arguments("jdbc:oracle:thin:@tcps://host:2484/svc?wallet_location=/w", "oracle.db", "svc", "host", 2484),
        arguments("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1522))(CONNECT_DATA=(SERVICE_NAME=svc)))",
            "oracle.db", "svc", "h", 1522),
        arguments("jdbc:oracle:thin:@( description = ( address = ( host = h2 ) ( port = 1523 ) ) ( connect_data = ( sid = ORCL ) ) )",
            "oracle.db", "ORCL", "h2", 1523),
        arguments("jdbc:oracle:thin:scott/tiger@host:1521/svc", "oracle.db", "svc", "host", 1521),
        arguments("jdbc:sqlserver://host:1433;databaseName=app;user=sa;password=secret", "microsoft.sql_server", "app", "host", 1433),
        arguments("jdbc:sqlserver://host;database=app", "microsoft.sql_server", "app", "host", 1433),
        arguments("jdbc:sqlserver://host\\instance:1500;database=x", "microsoft.sql_server", "instance|x", "host", 1500),
        arguments("jdbc:sqlserver://;serverName=h;portNumber=1450;databaseName=d", "microsoft.sql_server", "d", "h", 1450),
        arguments("jdbc:sqlserver://h;instanceName=i;databaseName={my;db}", "microsoft.sql_server", "i|my;db", "h", null),
        arguments("jdbc:jtds:sqlserver://host/db", "microsoft.sql_server", "db", "host", 1433),
        arguments("jdbc:jtds:sqlserver://host:1434/db;instance=i;user=sa", "microsoft.sql_server", "i|db", "host", 1434),
        arguments("jdbc:jtds:sybase://host:5000/db", "other_sql", "db", "host", 5000),
        arguments("jdbc:hsqldb:hsql://localhost:9001/db", "hsqldb", "db", "localhost", 9001),
        arguments("jdbc:hsqldb:hsql://localhost/db;ifexists=true", "hsqldb", "db", "localhost", 9001),
        arguments("jdbc:hsqldb:hsqls://secure/db", "hsqldb", "db", "secure", 554),
        arguments("jdbc:derby://localhost:1527/db", "derby", "db", "localhost", 1527),
        arguments("jdbc:derby://dbhost/db;create=true", "derby", "db", "dbhost", 1527),
        arguments("jdbc:db2://host:50000/SAMPLE", "ibm.db2", "SAMPLE", "host", 50000),
        arguments("jdbc:db2://host/SAMPLE:user=u;password=p;", "ibm.db2", "SAMPLE", "host", 50000),
        arguments("jdbc:clickhouse://ch:8123/logs", "clickhouse", "logs", "ch", 8123),
        arguments("jdbc:redshift://cluster.example.com/dev", "aws.redshift", "dev", "cluster.example.com", 5439),
        arguments("jdbc:vertica://vhost:5433/db", "other_sql", "db", "vhost", 5433));
  }

  @ParameterizedTest
  @MethodSource("servers")
  void serverDatabasesReportHostAndPort(String url, String system, String namespace, String host, Integer port) {
    assertThat(parser.parse(url)).isEqualTo(new DbInfo(system, namespace, host, port));
  }

  @Test
  void namedSqlServerInstanceWithoutPortHasNoPort() {
    assertThat(parser.parse("jdbc:sqlserver://host\\instance;database=x"))
        .isEqualTo(new DbInfo("microsoft.sql_server", "instance|x", "host", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "jdbc:p6spy:postgresql://h:5433/d", "jdbc:otel:postgresql://h:5433/d", "jdbc:log4jdbc:postgresql://h:5433/d",
    "jdbc:tracing:postgresql://h:5433/d", "jdbc:aws-wrapper:postgresql://h:5433/d", "JDBC:P6SPY:OTEL:PostgreSQL://h:5433/d",
  })
  void looksThroughWrappingDrivers(String url) {
    assertThat(parser.parse(url)).isEqualTo(new DbInfo("postgresql", "d", "h", 5433));
  }

  @Test
  void otelWrappedMysql() {
    assertThat(parser.parse("jdbc:otel:mysql://db:3307/app")).isEqualTo(new DbInfo("mysql", "app", "db", 3307));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
    "garbage", "jdbc:", "jdbc:unknown", "mysql://host/db", "jdbc:foo:bar", "jdbc:::::", "jdbc:h2", "jdbc:oracle:",
    "jdbc:oracle:thin", "jdbc:sqlserver:", "jdbc:postgresql://[", "jdbc:mysql://:/", "jdbc:oracle:thin:@[",
    "jdbc:sqlserver://\\", "jdbc:sqlserver://h;=;;==;databaseName", "jdbc:mysql://address=(host=",
  })
  void garbageNeverThrows(String url) {
    DbInfo info = parser.parse(url);
    assertThat(info).isNotNull();
    assertThat(info.system()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "jdbc:unknown", "mysql://host/db", "jdbc:foo:bar"})
  void unknownUrlsAreOtherSql(String url) {
    assertThat(parser.parse(url)).isEqualTo(DbInfo.UNKNOWN);
  }

  @Test
  void nullIsOtherSql() {
    assertThat(parser.parse(null)).isEqualTo(DbInfo.UNKNOWN);
  }

  @Test
  void invalidPortsAreNotReported() {
    assertThat(parser.parse("jdbc:postgresql://h:99999/db").port()).isNull();
    assertThat(parser.parse("jdbc:postgresql://h:abc/db").port()).isNull();
    assertThat(parser.parse("jdbc:postgresql://h:0/db").port()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "jdbc:postgresql://db/app?user=alice&password=hunter2",
    "jdbc:mysql://alice:hunter2@db:3306/app",
    "jdbc:mysql://address=(host=db)(user=alice)(password=hunter2)/app",
    "jdbc:oracle:thin:alice/hunter2@db:1521/app",
    "jdbc:oracle:thin:alice/hunter2@//db:1521/app",
    "jdbc:oracle:thin:alice/hunter2",
    "jdbc:sqlserver://db;user=alice;password=hunter2;databaseName=app",
    "jdbc:sqlserver://db;password={hunter2;x};user=alice;databaseName=app",
    "jdbc:jtds:sqlserver://db/app;user=alice;password=hunter2",
    "jdbc:h2:tcp://db/app;USER=alice;PASSWORD=hunter2",
    "jdbc:derby://db/app;user=alice;password=hunter2",
    "jdbc:db2://db:50000/app:user=alice;password=hunter2;",
  })
  void neverReturnsCredentials(String url) {
    DbInfo info = parser.parse(url);
    assertThat(info.toString()).doesNotContain("alice").doesNotContain("hunter2");
  }

  @Test
  void cachesRepeatedUrlsWithinItsBound() {
    JdbcUrlParser small = new JdbcUrlParser(4);
    DbInfo first = small.parse("jdbc:postgresql://h/db");
    assertThat(small.parse("jdbc:postgresql://h/db")).isSameAs(first);
    for (int i = 0; i < 100; i++) {
      small.parse("jdbc:postgresql://h" + i + "/db");
    }
    assertThat(small.cacheSize()).isEqualTo(4);
  }

  @Test
  void veryLongUrlsAreParsedButNotCached() {
    JdbcUrlParser fresh = new JdbcUrlParser();
    String url = "jdbc:postgresql://h/db?options=" + "x".repeat(JdbcUrlParser.MAX_CACHED_URL_LENGTH);
    assertThat(fresh.parse(url)).isEqualTo(new DbInfo("postgresql", "db", "h", 5432));
    assertThat(fresh.cacheSize()).isZero();
  }
}
