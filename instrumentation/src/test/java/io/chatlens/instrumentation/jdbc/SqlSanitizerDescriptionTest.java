package io.chatlens.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlSanitizerDescriptionTest {

  private final SqlSanitizer sanitizer = new SqlSanitizer();

  static Stream<Arguments> selects() {
    return Stream.of(
        arguments("SELECT * FROM users WHERE email = 'x'", "SELECT", "users"),
        arguments("select id from Users", "SELECT", "Users"),
        arguments("SELECT a FROM public.users u WHERE u.id = 1", "SELECT", "public.users"),
        arguments("SELECT a FROM db.sch.t AS x ORDER BY a, b", "SELECT", "db.sch.t"),
        arguments("SELECT count(*), max(a) FROM t GROUP BY b, c", "SELECT", "t"),
        arguments("SELECT EXTRACT(YEAR FROM d) FROM t", "SELECT", "t"),
        arguments("SELECT * FROM t WITH (NOLOCK) WHERE a = 1", "SELECT", "t"),
        arguments("SELECT * FROM ONLY t", "SELECT", "t"),
        arguments("SELECT * FROM t FOR UPDATE", "SELECT", "t"),
        arguments("SELECT * FROM t LIMIT 10 OFFSET 20", "SELECT", "t"),
        arguments("(SELECT a FROM t)", "SELECT", "t"),
        arguments("SELECT * FROM \"my schema\".\"my \"\"table\"\"\"", "SELECT", "my schema.my \"table\""),
        arguments("SELECT * FROM [dbo].[Order Details]", "SELECT", "dbo.Order Details"),
        arguments("SELECT * FROM `db`.`t`", "SELECT", "db.t"),
        arguments("SELECT * FROM a /* note */ . b", "SELECT", "a.b"),
        arguments("SELECT 1", "SELECT", null),
        arguments("SELECT * FROM a JOIN b ON a.id = b.id", "SELECT", null),
        arguments("SELECT * FROM a LEFT OUTER JOIN b USING (id)", "SELECT", null),
        arguments("SELECT * FROM a NATURAL JOIN b", "SELECT", null),
        arguments("SELECT * FROM a CROSS APPLY f(a.id)", "SELECT", null),
        arguments("SELECT * FROM a, b WHERE a.id = b.id", "SELECT", null),
        arguments("SELECT * FROM a x, b y", "SELECT", null),
        arguments("SELECT * FROM (SELECT 1) x", "SELECT", null),
        arguments("SELECT * FROM t WHERE id IN (SELECT id FROM u)", "SELECT", null),
        arguments("SELECT (SELECT max(a) FROM u) FROM t", "SELECT", null),
        arguments("SELECT a FROM t UNION SELECT a FROM u", "SELECT", null),
        arguments("SELECT * FROM generate_series(1, 10)", "SELECT", null),
        arguments("SELECT a INTO new_t FROM t", "SELECT", null),
        arguments("SELECT * FROM schema.", "SELECT", null));
  }

  static Stream<Arguments> modifications() {
    return Stream.of(
        arguments("INSERT INTO t (a) VALUES (1)", "INSERT", "t"),
        arguments("insert into t(a) values (?)", "INSERT", "t"),
        arguments("INSERT IGNORE INTO db.t VALUES (1)", "INSERT", "db.t"),
        arguments("INSERT OR REPLACE INTO t VALUES (1)", "INSERT", "t"),
        arguments("INSERT t VALUES (1)", "INSERT", "t"),
        arguments("INSERT INTO t SELECT * FROM u JOIN v ON u.id = v.id", "INSERT", "t"),
        arguments("INSERT ALL INTO a VALUES (1) INTO b VALUES (2) SELECT * FROM dual", "INSERT", null),
        arguments("INSERT INTO ? VALUES (1)", "INSERT", null),
        arguments("REPLACE INTO t VALUES (1)", "REPLACE", "t"),
        arguments("UPSERT INTO t VALUES (1)", "UPSERT", "t"),
        arguments("UPDATE t SET a = 1, b = 2 WHERE c = 3", "UPDATE", "t"),
        arguments("UPDATE \"S\".\"T\" SET a = ?", "UPDATE", "S.T"),
        arguments("UPDATE t SET a = (SELECT max(b) FROM u)", "UPDATE", "t"),
        arguments("UPDATE TOP (10) t SET a = 1", "UPDATE", "t"),
        arguments("UPDATE LOW_PRIORITY IGNORE t SET a = 1", "UPDATE", "t"),
        arguments("UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = t2.a", "UPDATE", null),
        arguments("UPDATE t1, t2 SET t1.a = t2.a", "UPDATE", null),
        arguments("UPDATE t SET a = u.b FROM u WHERE t.id = u.id", "UPDATE", null),
        arguments("DELETE FROM t WHERE a = 1", "DELETE", "t"),
        arguments("DELETE t WHERE a = 1", "DELETE", "t"),
        arguments("DELETE FROM t WHERE id IN (SELECT id FROM u)", "DELETE", "t"),
        arguments("DELETE FROM t WHERE a = 1 ORDER BY a, b LIMIT 1", "DELETE", "t"),
        arguments("DELETE FROM t USING u WHERE t.id = u.id", "DELETE", null),
        arguments("DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id", "DELETE", null),
        arguments("DELETE t1, t2 FROM t1 JOIN t2", "DELETE", null),
        arguments("MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET a = 1", "MERGE", "t"),
        arguments("TRUNCATE t", "TRUNCATE", "t"),
        arguments("TRUNCATE TABLE app.t RESTART IDENTITY", "TRUNCATE", "app.t"),
        arguments("TRUNCATE a, b", "TRUNCATE", null));
  }

  static Stream<Arguments> definitions() {
    return Stream.of(
        arguments("CREATE TABLE t (id INT, name VARCHAR(10))", "CREATE", "t"),
        arguments("CREATE TABLE IF NOT EXISTS app.msgs (id INT)", "CREATE", "app.msgs"),
        arguments("create temporary table t (id int)", "CREATE", "t"),
        arguments("CREATE OR REPLACE GLOBAL TEMPORARY TABLE t (id INT)", "CREATE", "t"),
        arguments("CREATE CACHED TABLE t (id INT)", "CREATE", "t"),
        arguments("CREATE TABLE t AS SELECT * FROM u", "CREATE", "t"),
        arguments("CREATE INDEX i ON t (a)", "CREATE", null),
        arguments("CREATE VIEW v AS SELECT * FROM t", "CREATE", null),
        arguments("ALTER TABLE t ADD COLUMN c INT", "ALTER", "t"),
        arguments("ALTER TABLE IF EXISTS ONLY s.t DROP COLUMN c", "ALTER", "s.t"),
        arguments("DROP TABLE t", "DROP", "t"),
        arguments("DROP TABLE IF EXISTS t CASCADE", "DROP", "t"),
        arguments("DROP TABLE a, b", "DROP", null),
        arguments("DROP VIEW v", "DROP", null));
  }

  static Stream<Arguments> procedures() {
    return Stream.of(
        arguments("CALL p(1)", "CALL", "p"),
        arguments("CALL app.p", "CALL", "app.p"),
        arguments("{call myschema.proc(?, ?)}", "CALL", "myschema.proc"),
        arguments("{ ? = call f(?) }", "CALL", "f"),
        arguments("EXEC sp_who", "EXECUTE", "sp_who"),
        arguments("EXECUTE dbo.proc @a = 1", "EXECUTE", "dbo.proc"),
        arguments("EXEC @rc = dbo.p", "EXECUTE", "dbo.p"),
        arguments("EXECUTE IMMEDIATE 'DROP TABLE t'", "EXECUTE", null));
  }

  static Stream<Arguments> commonTableExpressions() {
    return Stream.of(
        arguments("WITH c AS (SELECT * FROM t WHERE a = 1) SELECT * FROM c", "SELECT", null),
        arguments("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r", "SELECT", null),
        arguments("WITH c AS (SELECT 1), d AS MATERIALIZED (SELECT 2) SELECT * FROM c, d", "SELECT", null),
        arguments("WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c", "INSERT", "t"),
        arguments("WITH c AS (SELECT id FROM u) DELETE FROM t WHERE id IN (SELECT id FROM c)", "DELETE", "t"),
        arguments("WITH c AS (SELECT id FROM u) UPDATE t SET a = 1", "UPDATE", "t"),
        arguments("WITH x AS (SELECT 1)", "WITH", null));
  }

  static Stream<Arguments> otherStatements() {
    return Stream.of(
        arguments("SHOW TABLES", "SHOW", null),
        arguments("SET search_path = app", "SET", null),
        arguments("COMMIT", "COMMIT", null),
        arguments("ROLLBACK TO SAVEPOINT s", "ROLLBACK", null),
        arguments("GRANT SELECT ON t TO u", "GRANT", null),
        arguments("EXPLAIN SELECT * FROM t", "EXPLAIN", null),
        arguments("VALUES (1, 2)", "VALUES", null),
        arguments("DESC t", "DESCRIBE", null),
        arguments("FOO BAR", null, null),
        arguments("'just a string'", null, null),
        arguments("", null, null));
  }

  static Stream<Arguments> statementBoundaries() {
    return Stream.of(
        arguments("SELECT * FROM t;", "SELECT", "t"),
        arguments(";;SELECT * FROM t;;", "SELECT", "t"),
        arguments("SELECT 1; SELECT 2", null, null),
        arguments("SET NOCOUNT ON; SELECT * FROM t", null, null),
        arguments("BEGIN; UPDATE t SET a = 1; COMMIT;", null, null),
        arguments("BEGIN TRANSACTION; DELETE FROM t", null, null),
        arguments("BEGIN UPDATE t SET a = 1; DELETE FROM u; END;", "BEGIN", null),
        arguments("BEGIN IF x THEN UPDATE t SET a = 1; END IF; END;", "BEGIN", null),
        arguments("DECLARE v NUMBER; BEGIN SELECT 1 INTO v FROM dual; END;", null, null),
        arguments("CREATE PROCEDURE p AS BEGIN SELECT CASE WHEN a = 1 THEN 2 END FROM t; SELECT 2; END",
            "CREATE", null));
  }

  @ParameterizedTest
  @MethodSource({
    "selects", "modifications", "definitions", "procedures", "commonTableExpressions",
    "otherStatements", "statementBoundaries"
  })
  void namesOperationAndCollection(String sql, String operation, String collection) {
    SanitizedSql result = sanitizer.sanitize(sql);
    assertThat(result.operation()).as("operation of %s", sql).isEqualTo(operation);
    assertThat(result.collection()).as("collection of %s", sql).isEqualTo(collection);
  }
}
