package io.chatlens.instrumentation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SqlSanitizerRobustnessTest {

  private static final String SECRET = "S3cr3tValue";
  private static final String SECRET_NUMBER = "987654321";

  private final SqlSanitizer sanitizer = new SqlSanitizer();

  @Test
  void nullAndEmptyInputGiveAnEmptyResult() {
    assertThat(sanitizer.sanitize(null)).isEqualTo(SanitizedSql.EMPTY);
    assertThat(sanitizer.sanitize("")).isEqualTo(SanitizedSql.EMPTY);
    assertThat(sanitizer.sanitize("   \n\t ")).isEqualTo(new SanitizedSql("", null, null));
  }

  static Stream<Arguments> unterminated() {
    return Stream.of(
        arguments("SELECT 'abc " + SECRET, "SELECT ?"),
        arguments("SELECT 'abc\\", "SELECT ?"),
        arguments("SELECT E'abc\\' " + SECRET, "SELECT ?"),
        arguments("SELECT \"abc " + SECRET, "SELECT ?"),
        arguments("SELECT `abc " + SECRET, "SELECT ?"),
        arguments("SELECT $$abc " + SECRET, "SELECT ?"),
        arguments("SELECT $tag$abc $$ " + SECRET, "SELECT ?"),
        arguments("SELECT q'[abc " + SECRET, "SELECT ?"),
        arguments("SELECT q'", "SELECT ?"),
        arguments("SELECT a /* abc " + SECRET, "SELECT a"),
        arguments("SELECT a /* abc /* nested */ " + SECRET, "SELECT a"),
        arguments("SELECT [abc", "SELECT [abc"),
        arguments("SELECT a FROM t WHERE b IN (1, 2", "SELECT a FROM t WHERE b IN (?, ?"),
        arguments("SELECT ((((", "SELECT (((("),
        arguments("))) SELECT", "))) SELECT"),
        arguments("'", "?"),
        arguments("$", "$"),
        arguments("0x", "?x"),
        arguments("::", "::"));
  }

  @ParameterizedTest
  @MethodSource("unterminated")
  void unterminatedTextIsHiddenNotEchoed(String sql, String expected) {
    SanitizedSql result = sanitizer.sanitize(sql);
    assertThat(result.text()).isEqualTo(expected);
    assertThat(result.text()).doesNotContain(SECRET);
  }

  @Test
  void longTextIsCutToTheMaximumLengthWithAnEllipsis() {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < 50_000; i++) {
      sql.append("column_").append(i).append(", ");
    }
    sql.append("last FROM events WHERE id = 1");

    SanitizedSql result = sanitizer.sanitize(sql.toString());

    assertThat(result.text()).hasSize(SqlSanitizer.DEFAULT_MAX_LENGTH).startsWith("SELECT column_0, ").endsWith("...");
    assertThat(result.operation()).isEqualTo("SELECT");
    assertThat(result.collection()).as("analysis continues past the cut").isEqualTo("events");
  }

  @Test
  void customMaximumLength() {
    SqlSanitizer small = new SqlSanitizer(16);
    assertThat(small.sanitize("SELECT * FROM t").text()).isEqualTo("SELECT * FROM t");
    assertThat(small.sanitize("SELECT * FROM t1").text()).isEqualTo("SELECT * FROM t1");
    assertThat(small.sanitize("SELECT * FROM t12").text()).isEqualTo("SELECT * FROM...");
    assertThat(small.sanitize("SELECT 'a very long literal value' FROM t").text()).isEqualTo("SELECT ? FROM t");
  }

  @Test
  void cutNeverSplitsASurrogatePair() {
    SqlSanitizer small = new SqlSanitizer(16);
    String text = small.sanitize("SELECT abcdefghij😀😀😀 FROM t").text();
    assertThat(text).endsWith("...");
    assertThat(Character.isHighSurrogate(text.charAt(text.length() - 4))).isFalse();
  }

  @Test
  void maximumLengthMayBeAsLargeAsAnInt() {
    SqlSanitizer unlimited = new SqlSanitizer(Integer.MAX_VALUE);
    assertThat(unlimited.sanitize("SELECT a FROM t WHERE b = 'x'").text()).isEqualTo("SELECT a FROM t WHERE b = ?");
  }

  @Test
  void rejectsUnusableConfiguration() {
    assertThatThrownBy(() -> new SqlSanitizer(15)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SqlSanitizer(100, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hugeInListCollapsesEvenBeyondTheMaximumLength() {
    StringBuilder sql = new StringBuilder("SELECT * FROM t WHERE id IN (");
    for (int i = 0; i < 100_000; i++) {
      sql.append(i == 0 ? "" : ", ").append(i);
    }
    sql.append(") AND a = 'x'");
    assertThat(sanitizer.sanitize(sql.toString()).text()).isEqualTo("SELECT * FROM t WHERE id IN (?) AND a = ?");
  }

  @Test
  void hugeTokensDoNotGrowTheOutputBeyondTheLimit() {
    String name = "\"" + "n".repeat(1_000_000) + "\"";
    SanitizedSql result = sanitizer.sanitize("SELECT " + name + " FROM t");
    assertThat(result.text()).hasSize(SqlSanitizer.DEFAULT_MAX_LENGTH).endsWith("...");
  }

  @Test
  void largeInputIsSanitizedInLinearTime() {
    String statement = "SELECT a, 'x', 1.5 FROM t WHERE b IN (1, 2, 3) /* c */ AND d = $$e$$; ";
    String sql = statement.repeat(100_000);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      SanitizedSql result = sanitizer.sanitize(sql);
      assertThat(result.text()).hasSize(SqlSanitizer.DEFAULT_MAX_LENGTH);
      assertThat(result.operation()).isNull();
    });
  }

  @Test
  void randomGarbageNeverThrowsAndRespectsTheLimit() {
    Random random = new Random(42);
    String alphabet = "'\"`[]$?:@#-/*\\(),.;{}=+eExXnNqQuU&0123456789 \n\tabcSELECTFROMINBY😀é";
    SqlSanitizer small = new SqlSanitizer(64);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sql = new StringBuilder();
      int length = random.nextInt(120);
      for (int j = 0; j < length; j++) {
        sql.append(random.nextInt(20) == 0 ? (char) random.nextInt(0x10000) : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      SanitizedSql result = small.sanitize(sql.toString());
      assertThat(result).as("no internal failure on %s", sql).isNotSameAs(SanitizedSql.UNPARSEABLE);
      assertThat(result.text()).isNotNull();
      assertThat(result.text().length()).isLessThanOrEqualTo(64);
    }
  }

  /**
   * Statements built from SQL fragments, with literals holding a marker: whatever the mix, the
   * marker must never reach the text. A literal stands apart from words (glued to one it would be
   * part of an identifier) but may touch punctuation.
   */
  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void literalsNeverSurviveInGeneratedStatements(SqlDialect dialect) {
    String[] vocabulary = {
      "SELECT", "FROM", "WHERE", "IN", "(", ")", ",", "=", "-", "+", "*", ".", ";", "::", "t", "col_1",
      "\"Quoted\"", "`tick`", "[bracket]", "?", ":name", "$1", "@p1", "TRUE", "NULL", "CASE", "END",
      "BEGIN", "AND", "VALUES", "INSERT", "INTO", "e", "n", "x", "q", "u", "&", "#", "$ ", "[", "]",
      "ARRAY", "{", "}", "@", "\\", "IDENTIFIED", "BY", "PASSWORD", "CREATE", "USER",
      "-- comment " + SECRET + "\n", "/* " + SECRET + " */",
    };
    String[] literals = {
      "'" + SECRET + "'", "'it''s " + SECRET + "'", "'a\\'" + SECRET + "'", "E'" + SECRET + "'",
      "N'" + SECRET + "'", "$$" + SECRET + "$$", "$x$" + SECRET + "$x$", "q'[" + SECRET + "]'",
      "U&'" + SECRET + "'", "X'" + SECRET_NUMBER + "'", SECRET_NUMBER, SECRET_NUMBER + ".5",
      "." + SECRET_NUMBER, "0x" + SECRET_NUMBER, SECRET_NUMBER + "e3", SECRET_NUMBER + "_1",
    };
    String[] before = {" ", "(", "=", ",", "-", "+", "::", "[", "{", ";"};
    String[] after = {" ", ")", ",", ";", "::", "]", "}"};
    String[] separators = {" ", " ", "\n", "\t", ""};
    SqlSanitizer unlimited = new SqlSanitizer(Integer.MAX_VALUE, dialect);
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sql = new StringBuilder();
      int tokens = 1 + random.nextInt(30);
      for (int j = 0; j < tokens; j++) {
        if (random.nextInt(4) == 0) {
          sql.append(before[random.nextInt(before.length)])
              .append(literals[random.nextInt(literals.length)])
              .append(after[random.nextInt(after.length)]);
        } else {
          sql.append(vocabulary[random.nextInt(vocabulary.length)])
              .append(separators[random.nextInt(separators.length)]);
        }
      }
      String text = unlimited.sanitize(sql.toString()).text();
      assertThat(text).as("sanitized %s", sql).doesNotContain(SECRET).doesNotContain(SECRET_NUMBER);
    }
  }
}
