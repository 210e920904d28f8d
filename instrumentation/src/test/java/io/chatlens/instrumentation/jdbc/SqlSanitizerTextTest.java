package io.chatlens.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlSanitizerTextTest {

  private final SqlSanitizer sanitizer = new SqlSanitizer();

  static Stream<Arguments> literals() {
    return Stream.of(
        arguments("SELECT * FROM users WHERE email = 'jane.doe@example.com'",
            "SELECT * FROM users WHERE email = ?"),
        arguments("SELECT 'it''s' FROM t", "SELECT ? FROM t"),
        arguments("SELECT 'a\\'b', 'c' FROM t", "SELECT ?, ? FROM t"),
        arguments("SELECT E'a\\'b', e'x\\\\' FROM t", "SELECT ?, ? FROM t"),
        arguments("SELECT N'naïve', n'x' FROM t", "SELECT ?, ? FROM t"),
        arguments("SELECT U&'d\\0061t\\+000061' FROM t", "SELECT ? FROM t"),
        arguments("SELECT X'1F', x'ff', B'0101' FROM t", "SELECT ?, ?, ? FROM t"),
        arguments("SELECT 0x1F, 0XAB, 0b101 FROM t", "SELECT ?, ?, ? FROM t"),
        arguments("SELECT 42, 3.14, .5, 1., 1e10, 2.5E-3, 6.02e+23 FROM t", "SELECT ?, ?, ?, ?, ?, ?, ? FROM t"),
        arguments("SELECT 1_000_000 FROM t", "SELECT ? FROM t"),
        arguments("SELECT $$it's a secret$$ FROM t", "SELECT ? FROM t"),
        arguments("SELECT $fn$ it's $ and $$ inside $fn$ FROM t", "SELECT ? FROM t"),
        arguments("SELECT q'[it's]', Q'{x}', nq'<y>', q'!z!' FROM dual", "SELECT ?, ?, ?, ? FROM dual"),
        arguments("SELECT _utf8mb4'abc' FROM t", "SELECT _utf8mb4? FROM t"),
        arguments("SELECT {d '2024-01-31'}, {ts '2024-01-31 10:00:00'} FROM t", "SELECT {d ?}, {ts ?} FROM t"),
        arguments("SELECT a FROM t WHERE b = 1.5D", "SELECT a FROM t WHERE b = ?D"),
        arguments("SELECT 123abc FROM t", "SELECT ?abc FROM t"),
        arguments("SELECT [Order 2024] FROM t", "SELECT [Order ?] FROM t"),
        arguments("SELECT ARRAY [1, 2], ARRAY [x, 3], (a) [4] FROM t", "SELECT ARRAY [?, ?], ARRAY [x, ?], (a) [?] FROM t"));
  }

  @ParameterizedTest
  @MethodSource("literals")
  void replacesEveryLiteral(String sql, String expected) {
    assertThat(sanitizer.sanitize(sql).text()).isEqualTo(expected);
  }

  static Stream<Arguments> keptAsWritten() {
    return Stream.of(
        arguments("SELECT col_2, table1.c3, v$session FROM table1"),
        arguments("SELECT \"col 1\", `col2`, [col three], [col_3], [@x-y #z] FROM \"Sch\".\"T\""),
        arguments("SELECT \"it\"\"s\" FROM t"),
        arguments("SELECT a FROM t WHERE flag = TRUE AND other = false AND x IS NULL"),
        arguments("SELECT a FROM t WHERE a = ? AND b = :name AND c = $1 AND d = @p1 AND e = ?1 AND f = :1"),
        arguments("SELECT @@VERSION, @var"),
        arguments("SELECT a::int, b::text[] FROM t"),
        arguments("SELECT a # b, c #> d FROM t"),
        arguments("SELECT * FROM #tmp JOIN ##global ON #tmp.id = ##global.id"),
        arguments("SELECT * FROM t WHERE doc ?? k"),
        arguments("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"),
        arguments("SELECT * FROM t WHERE a IN (b, c)"),
        arguments("SELECT * FROM t WHERE a IN (:ids)"),
        arguments("SELECT * FROM t WHERE a IN ($1, $2)"),
        arguments("SELECT * FROM t WHERE a IN ()"),
        arguments("SELECT * FROM t WHERE a IN (SELECT b FROM u)"));
  }

  @ParameterizedTest
  @MethodSource("keptAsWritten")
  void keepsIdentifiersKeywordsAndParameters(String sql) {
    assertThat(sanitizer.sanitize(sql).text()).isEqualTo(sql);
  }

  @Test
  void returnsTheInputItselfWhenNothingChanges() {
    String sql = "SELECT a FROM t WHERE id = ?";
    assertThat(sanitizer.sanitize(sql).text()).isSameAs(sql);
  }

  static Stream<Arguments> signsAndCasts() {
    return Stream.of(
        arguments("SELECT a FROM t WHERE a = -5 AND b = a-1 AND c = - 2", "SELECT a FROM t WHERE a = -? AND b = a-? AND c = - ?"),
        arguments("SELECT a FROM t WHERE a = +1.5e-3", "SELECT a FROM t WHERE a = +?"),
        arguments("SELECT '5'::numeric, 5::int FROM t", "SELECT ?::numeric, ?::int FROM t"),
        arguments("SELECT ARRAY['a', 'b'], arr[1], arr[1:2], arr[lo:hi] FROM t",
            "SELECT ARRAY[?, ?], arr[?], arr[?:?], arr[lo:hi] FROM t"),
        arguments("SELECT a FROM t WHERE a = :1 AND b IN (:2, :3)", "SELECT a FROM t WHERE a = :1 AND b IN (:2, :3)"));
  }

  @ParameterizedTest
  @MethodSource("signsAndCasts")
  void keepsSignsAndCastsButNotNumbers(String sql, String expected) {
    assertThat(sanitizer.sanitize(sql).text()).isEqualTo(expected);
  }

  static Stream<Arguments> comments() {
    return Stream.of(
        arguments("SELECT a -- it's 'secret'\nFROM t", "SELECT a FROM t"),
        arguments("SELECT /* c */ a FROM/*x*/t", "SELECT a FROM t"),
        arguments("SELECT a /* outer /* inner 'x' */ still outer */ FROM t", "SELECT a FROM t"),
        arguments("/* leading */ SELECT a FROM t -- trailing", "SELECT a FROM t"),
        arguments("SELECT a FROM t --", "SELECT a FROM t"),
        arguments("SELECT a FROM t /*+ INDEX(t i) */ WHERE b = 1", "SELECT a FROM t WHERE b = ?"),
        arguments("SELECT a FROM t # stays in the standard dialect", "SELECT a FROM t # stays in the standard dialect"));
  }

  @ParameterizedTest
  @MethodSource("comments")
  void removesComments(String sql, String expected) {
    assertThat(sanitizer.sanitize(sql).text()).isEqualTo(expected);
  }

  static Stream<Arguments> inLists() {
    return Stream.of(
        arguments("SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)"),
        arguments("SELECT * FROM t WHERE id IN (?, ?, ?)", "SELECT * FROM t WHERE id IN (?)"),
        arguments("SELECT * FROM t WHERE id NOT IN ('a','b')", "SELECT * FROM t WHERE id NOT IN (?)"),
        arguments("select * from t where id in(1,-2, +3)", "select * from t where id in(?)"),
        arguments("SELECT * FROM t WHERE id IN ( 1 , NULL )", "SELECT * FROM t WHERE id IN (?)"),
        arguments("SELECT * FROM t WHERE a IN (1, 2) AND b IN (?, ?)", "SELECT * FROM t WHERE a IN (?) AND b IN (?)"),
        arguments("SELECT * FROM t WHERE id IN (1, a)", "SELECT * FROM t WHERE id IN (?, a)"),
        arguments("SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))", "SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?))"),
        arguments("INSERT INTO t VALUES (1, 'a'), (2, 'b')", "INSERT INTO t VALUES (?, ?), (?, ?)"));
  }

  @ParameterizedTest
  @MethodSource("inLists")
  void collapsesInListsOfValues(String sql, String expected) {
    assertThat(sanitizer.sanitize(sql).text()).isEqualTo(expected);
  }

  static Stream<Arguments> passwords() {
    return Stream.of(
        arguments("CREATE USER bob IDENTIFIED BY s3cret", "CREATE USER bob IDENTIFIED BY ?"),
        arguments("create user bob identified by \"S3cret!\" default tablespace users",
            "create user bob identified by ? default tablespace users"),
        arguments("ALTER USER bob IDENTIFIED BY n3w REPLACE 0ld", "ALTER USER bob IDENTIFIED BY ? REPLACE ?"),
        arguments("CREATE USER bob IDENTIFIED BY 12ab#cd$ef!gh; SELECT 1", "CREATE USER bob IDENTIFIED BY ?; SELECT ?"),
        arguments("ALTER USER 'bob'@'%' IDENTIFIED WITH caching_sha2_password BY 'pw'",
            "ALTER USER ?@? IDENTIFIED WITH caching_sha2_password BY ?"),
        arguments("CREATE DATABASE LINK remote CONNECT TO scott IDENTIFIED BY tiger USING 'tns'",
            "CREATE DATABASE LINK remote CONNECT TO scott IDENTIFIED BY ? USING ?"),
        arguments("CREATE ROLE app LOGIN PASSWORD hunter2 VALID UNTIL 'infinity'",
            "CREATE ROLE app LOGIN PASSWORD ? VALID UNTIL ?"),
        arguments("ALTER USER bob WITH PASSWORD 'x'", "ALTER USER bob WITH PASSWORD ?"),
        arguments("ALTER LOGIN sa WITH PASSWORD = hunter2", "ALTER LOGIN sa WITH PASSWORD = ?"),
        arguments("CREATE USER bob PASSWORD `quoted`", "CREATE USER bob PASSWORD ?"),
        arguments("ALTER USER bob PASSWORD EXPIRE", "ALTER USER bob PASSWORD EXPIRE"),
        arguments("ALTER USER bob PASSWORD HISTORY 5", "ALTER USER bob PASSWORD HISTORY ?"),
        arguments("ALTER ROLE bob PASSWORD NULL", "ALTER ROLE bob PASSWORD NULL"),
        arguments("ALTER USER bob PASSWORD ?", "ALTER USER bob PASSWORD ?"),
        arguments("SELECT password FROM users WHERE name = ?", "SELECT password FROM users WHERE name = ?"),
        arguments("SELECT 1; CREATE USER u IDENTIFIED BY pw; SELECT password FROM t",
            "SELECT ?; CREATE USER u IDENTIFIED BY ?; SELECT password FROM t"));
  }

  @ParameterizedTest
  @MethodSource("passwords")
  void masksUnquotedPasswords(String sql, String expected) {
    assertThat(sanitizer.sanitize(sql).text()).isEqualTo(expected);
  }

  static Stream<Arguments> whiteSpace() {
    return Stream.of(
        arguments("  SELECT\t\n a \r\n FROM   t  ", "SELECT a FROM t"),
        arguments("SELECT\u00A0a\u2003FROM\u3000t", "SELECT a FROM t"),
        arguments("SELECT a,b FROM t", "SELECT a,b FROM t"),
        arguments("\n\n", ""),
        arguments("-- only a comment", ""));
  }

  @ParameterizedTest
  @MethodSource("whiteSpace")
  void normalisesWhiteSpace(String sql, String expected) {
    assertThat(sanitizer.sanitize(sql).text()).isEqualTo(expected);
  }

  static Stream<Arguments> unicode() {
    return Stream.of(
        arguments("SELECT näme FROM tåble WHERE x = 'ünïcødé 😀' AND y = 'x'",
            "SELECT näme FROM tåble WHERE x = ? AND y = ?"),
        arguments("SELECT \"日本語\" FROM 表 WHERE 名前 = '山田' AND 年齢 = 30",
            "SELECT \"日本語\" FROM 表 WHERE 名前 = ? AND 年齢 = ?"),
        arguments("SELECT 😀col FROM t WHERE a = '😀'", "SELECT 😀col FROM t WHERE a = ?"));
  }

  @ParameterizedTest
  @MethodSource("unicode")
  void handlesUnicode(String sql, String expected) {
    assertThat(sanitizer.sanitize(sql).text()).isEqualTo(expected);
  }

  static Stream<Arguments> mysqlDialect() {
    return Stream.of(
        arguments("SELECT * FROM t WHERE email = \"jane.doe@example.com\"", "SELECT * FROM t WHERE email = ?"),
        arguments("SELECT a FROM t # it's a comment\nWHERE b = 1", "SELECT a FROM t WHERE b = ?"),
        arguments("SELECT `a` FROM `db`.`t` WHERE c IN (\"x\", \"y\")", "SELECT `a` FROM `db`.`t` WHERE c IN (?)"));
  }

  @ParameterizedTest
  @MethodSource("mysqlDialect")
  void mysqlDialectTreatsDoubleQuotesAsStringsAndHashAsComment(String sql, String expected) {
    SqlSanitizer mysql = new SqlSanitizer(SqlSanitizer.DEFAULT_MAX_LENGTH, SqlDialect.MYSQL);
    assertThat(mysql.sanitize(sql).text()).isEqualTo(expected);
  }

  @Test
  void dialectFollowsTheDatabaseSystem() {
    assertThat(SqlDialect.forSystem(DbSystem.MYSQL)).isEqualTo(SqlDialect.MYSQL);
    assertThat(SqlDialect.forSystem(DbSystem.MARIADB)).isEqualTo(SqlDialect.MYSQL);
    assertThat(SqlDialect.forSystem(DbSystem.POSTGRESQL)).isEqualTo(SqlDialect.STANDARD);
    assertThat(SqlDialect.forSystem(null)).isEqualTo(SqlDialect.STANDARD);
  }
}
