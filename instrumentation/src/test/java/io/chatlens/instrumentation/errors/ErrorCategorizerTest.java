package io.chatlens.instrumentation.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.hibernate.fixture.StaleStateFixtureException;
import org.hibernate.validator.fixture.ValidationFixtureException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCategorizerTest {

  private static final ErrorCategorizer DEFAULTS = ErrorCategorizer.defaults();

  @Nested
  class Defaults {

    static Stream<Arguments> errors() {
      return Stream.of(
          arguments(new TimeoutException("LLM call"), "timeout"),
          arguments(new SocketTimeoutException("Read timed out"), "timeout"),
          arguments(new HttpTimeoutException("request timed out"), "timeout"),
          arguments(new SQLTimeoutException("statement cancelled"), "timeout"),
          arguments(new ChatTimeoutError(), "timeout"),
          arguments(new ReplyTimedOutException(), "timeout"),
          arguments(new SubclassOfCustomTimeout(), "timeout"),
          arguments(new InterruptedIOException("Connect timed out"), "timeout"),
          arguments(new InterruptedIOException("thread interrupted"), "internal"),

          arguments(new OutOfMemoryError("Java heap space"), "resource"),
          arguments(new StackOverflowError(), "resource"),
          arguments(new RejectedExecutionException("queue full"), "resource"),
          arguments(new ConnectException("Connection refused"), "resource"),
          arguments(new NoSuchFileException("/data/model.bin"), "resource"),
          arguments(new AccessDeniedException("/data/model.bin"), "resource"),
          arguments(new FileNotFoundException("prompts.txt"), "resource"),
          arguments(new IOException("No space left on device"), "resource"),
          arguments(new IOException("Too many open files"), "resource"),
          arguments(new NoSuchElementException("Pool exhausted"), "resource"),
          arguments(new SQLTransientConnectionException(
              "HikariPool-1 - Connection is not available, request timed out after 30000ms."), "resource"),

          arguments(new SQLException("syntax error"), "database"),
          arguments(new BatchUpdateException(), "database"),
          arguments(new SQLIntegrityConstraintViolationException("duplicate key"), "database"),
          arguments(new VendorFailure(), "database"),
          arguments(new JdbcGlitch(), "database"),
          arguments(new BadSqlGrammar(), "database"),
          arguments(new DataAccessProblem(), "database"),
          arguments(new PersistenceFailure(), "database"),
          arguments(new HibernateBoom(), "database"),
          arguments(new DatabaseDown(), "database"),
          arguments(new StaleStateFixtureException("row was updated by another transaction"), "database"),

          arguments(new IllegalArgumentException("bad"), "validation"),
          arguments(numberFormatException(), "validation"),
          arguments(dateTimeParseException(), "validation"),
          arguments(new BadCommand(), "validation"),
          arguments(new InvalidCommandException(), "validation"),
          arguments(new CommandValidationError(), "validation"),
          arguments(new ConstraintBroken(), "validation"),
          arguments(new ParseFailure(), "validation"),
          arguments(new ValidationFixtureException("must not be blank"), "validation"),

          arguments(new IllegalStateException("not ready"), "internal"),
          arguments(new NullPointerException(), "internal"),
          arguments(new RuntimeException("whatever"), "internal"),
          arguments(new IOException("Broken pipe"), "internal"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("errors")
    void categorise(Throwable error, String category) {
      assertThat(DEFAULTS.category(error)).isEqualTo(category);
    }

    @Test
    void nullIsInternal() {
      assertThat(DEFAULTS.category(null)).isEqualTo(ErrorCategorizer.INTERNAL);
    }
  }

  @Nested
  class CauseChainPrecedence {

    @Test
    void aTimeoutCauseBeatsAValidationWrapper() {
      Throwable error = new IllegalArgumentException("bad reply", new SocketTimeoutException("Read timed out"));

      assertThat(DEFAULTS.category(error)).isEqualTo("timeout");
    }

    @Test
    void aTimeoutThatIsAlsoAnSqlExceptionIsATimeout() {
      Throwable error = new IllegalStateException(new SQLTimeoutException("query cancelled"));

      assertThat(DEFAULTS.category(error)).isEqualTo("timeout");
    }

    @Test
    void poolExhaustionReportedAsSqlExceptionIsResource() {
      Throwable error = new UncheckedIOException(new IOException(new SQLTransientConnectionException(
          "HikariPool-1 - Connection is not available, request timed out after 30000ms.")));

      assertThat(DEFAULTS.category(error)).isEqualTo("resource");
    }

    @Test
    void anUnreachableDatabaseIsResource() {
      Throwable error = new SQLException("Connection to db:5432 refused", new ConnectException("Connection refused"));

      assertThat(DEFAULTS.category(error)).isEqualTo("resource");
    }

    @Test
    void aDatabaseCauseBeatsAValidationWrapper() {
      Throwable error = new IllegalArgumentException("cannot save", new SQLException("deadlock"));

      assertThat(DEFAULTS.category(error)).isEqualTo("database");
    }

    @Test
    void aRuleMatchesAnyDepthOfTheChain() {
      Throwable error = new ExecutionException(new IllegalStateException(new RuntimeException(new SQLException())));

      assertThat(DEFAULTS.category(error)).isEqualTo("database");
    }

    @Test
    void causesDeeperThanTenAreNotRead() {
      Throwable error = new SQLException("deep");
      for (int i = 0; i < 10; i++) {
        error = new IllegalStateException(error);
      }

      assertThat(DEFAULTS.category(error)).isEqualTo("internal");
    }

    @Test
    void survivesCauseCycles() {
      IllegalStateException first = new IllegalStateException("first");
      RuntimeException second = new RuntimeException("second");
      first.initCause(second);
      second.initCause(first);

      assertThat(DEFAULTS.category(first)).isEqualTo("internal");
      assertThat(DEFAULTS.category(new IllegalArgumentException(first))).isEqualTo("validation");
    }

    @Test
    void misbehavingThrowablesAreCategorisedByTheirClass() {
      Throwable hostile = new IllegalArgumentException("bad") {
        @Override
        public String getMessage() {
          throw new UnsupportedOperationException("no message");
        }

        @Override
        public synchronized Throwable getCause() {
          throw new UnsupportedOperationException("no cause");
        }
      };

      assertThat(DEFAULTS.category(hostile)).isEqualTo("validation");
      assertThat(ErrorCategorizer.withRules("external:message~bad").category(hostile)).isEqualTo("validation");
    }
  }

  @Nested
  class ConfiguredRules {

    @Test
    void aClassNameMatchesThatClassAndItsSubclasses() {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules("external:" + UpstreamException.class.getName());

      assertThat(categorizer.category(new UpstreamException())).isEqualTo("external");
      assertThat(categorizer.category(new UpstreamRateLimited())).isEqualTo("external");
      assertThat(categorizer.category(new IllegalStateException(new UpstreamRateLimited()))).isEqualTo("external");
      assertThat(categorizer.category(new IllegalStateException())).isEqualTo("internal");
    }

    @Test
    void aSimpleNameGlobMatchesTheClassOrASuperclass() {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules("validation:*NotFound*");

      assertThat(categorizer.category(new UserNotFoundException())).isEqualTo("validation");
      assertThat(categorizer.category(new SubclassOfUserNotFound())).isEqualTo("validation");
      assertThat(categorizer.category(new IllegalStateException())).isEqualTo("internal");
    }

    @Test
    void aGlobWithADotMatchesBinaryNames() {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules("concurrency:java.util.concurrent.*");

      assertThat(categorizer.category(new RejectedExecutionException())).isEqualTo("concurrency");
      assertThat(categorizer.category(new ExecutionException(new IllegalStateException()))).isEqualTo("concurrency");
      assertThat(categorizer.category(new IllegalStateException())).isEqualTo("internal");
    }

    @Test
    void aNameWithoutADotMatchesExactlyThatSimpleName() {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules("external:UpstreamException");

      assertThat(categorizer.category(new UpstreamException())).isEqualTo("external");
      assertThat(categorizer.category(new UpstreamRateLimited())).isEqualTo("external");
      assertThat(categorizer.category(new UserNotFoundException())).isEqualTo("internal");
    }

    @Test
    void aMessageRuleMatchesTextIgnoringCase() {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules("external:message~Upstream returned 503");

      assertThat(categorizer.category(new IllegalStateException("call failed: UPSTREAM RETURNED 503 (busy)")))
          .isEqualTo("external");
      assertThat(categorizer.category(new RuntimeException(new IOException("upstream returned 503"))))
          .isEqualTo("external");
      assertThat(categorizer.category(new IllegalStateException("upstream returned 502"))).isEqualTo("internal");
      assertThat(categorizer.category(new IllegalStateException())).isEqualTo("internal");
    }

    @Test
    void configuredRulesComeBeforeTheDefaults() {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules(
          "internal:java.lang.IllegalArgumentException;validation:java.lang.IllegalStateException");

      assertThat(categorizer.category(new NumberFormatException())).isEqualTo("internal");
      assertThat(categorizer.category(new IllegalStateException(new SQLException()))).isEqualTo("validation");
      assertThat(categorizer.category(new SQLException())).isEqualTo("database");
    }

    @Test
    void configuredRulesApplyInTheOrderWritten() {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules(
          "first:message~quota ; second:UpstreamException,*Upstream*");

      assertThat(categorizer.category(new UpstreamException("quota exceeded"))).isEqualTo("first");
      assertThat(categorizer.category(new UpstreamException("busy"))).isEqualTo("second");
    }

    @Test
    void toleratesSpacesCaseAndEmptySegments() {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules(
          " ;  External : *Upstream* , , message~503 ;; Quota:message~quota;");

      assertThat(categorizer.category(new UpstreamException())).isEqualTo("external");
      assertThat(categorizer.category(new IllegalStateException("got 503"))).isEqualTo("external");
      assertThat(categorizer.category(new IllegalStateException("quota reached"))).isEqualTo("quota");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", " ; ;"})
    void noSpecGivesTheDefaults(String spec) {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules(spec);

      assertThat(categorizer.category(new SQLException())).isEqualTo("database");
      assertThat(categorizer.category(new IllegalStateException())).isEqualTo("internal");
    }

    static Stream<Arguments> malformedSpecs() {
      return Stream.of(
          arguments("timeout", "'timeout' has no category"),
          arguments("external:*Upstream*;oops", "'oops' has no category"),
          arguments(":*Timeout*", "'' in ':*Timeout*' is not a category name"),
          arguments("9lives:*Cat*", "'9lives' in '9lives:*Cat*' is not a category name"),
          arguments("my category:*X*", "'my category' in 'my category:*X*' is not a category name"),
          arguments("external:", "category 'external' in 'external:' has no rules"),
          arguments("external: , ", "category 'external' in 'external: ,' has no rules"),
          arguments("external:com.acme.Bad Name", "rule 'com.acme.Bad Name' in 'external:com.acme.Bad Name'"),
          arguments("external:com..acme.X", "rule 'com..acme.X'"),
          arguments("external:msg~boom", "rule 'msg~boom' in 'external:msg~boom' is not understood"),
          arguments("external:message~", "rule 'message~' in 'external:message~' has no text"),
          arguments("external:*Not-Found*", "glob '*Not-Found*' in 'external:*Not-Found*'"),
          arguments("external:com..*", "glob 'com..*'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSpecs")
    void malformedSpecsAreRejectedNamingTheBadPart(String spec, String expectedMessage) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> ErrorCategorizer.withRules(spec))
          .withMessageContaining(expectedMessage);
    }
  }

  @Nested
  class UserErrors {

    @Test
    void validationIsAUserErrorByDefault() {
      assertThat(DEFAULTS.isUserError("validation")).isTrue();
      assertThat(DEFAULTS.isUserError(" Validation ")).isTrue();
      assertThat(ErrorCategorizer.withRules("external:*Upstream*").isUserError("validation")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "database", "resource", "internal", "external", ""})
    void otherCategoriesAreSystemErrors(String category) {
      assertThat(DEFAULTS.isUserError(category)).isFalse();
    }

    @Test
    void nullIsNotAUserError() {
      assertThat(DEFAULTS.isUserError(null)).isFalse();
    }

    @Test
    void userErrorCategoriesCanBeConfigured() {
      ErrorCategorizer categorizer = ErrorCategorizer.withRules("quota:message~quota")
          .withUserErrorCategories(List.of("Quota", " ", "validation"));

      assertThat(categorizer.isUserError("quota")).isTrue();
      assertThat(categorizer.isUserError("validation")).isTrue();
      assertThat(categorizer.isUserError("timeout")).isFalse();
      assertThat(categorizer.category(new IllegalStateException("quota reached"))).isEqualTo("quota");
    }

    @Test
    void noCategoryNeedBeAUserError() {
      ErrorCategorizer categorizer = DEFAULTS.withUserErrorCategories(List.of());

      assertThat(categorizer.isUserError("validation")).isFalse();
      assertThat(categorizer.category(new IllegalArgumentException())).isEqualTo("validation");
    }
  }

  private static NumberFormatException numberFormatException() {
    try {
      Integer.parseInt("forty-two");
      throw new AssertionError("unreachable");
    } catch (NumberFormatException e) {
      return e;
    }
  }

  private static DateTimeParseException dateTimeParseException() {
    try {
      LocalDate.parse("tomorrow");
      throw new AssertionError("unreachable");
    } catch (DateTimeParseException e) {
      return e;
    }
  }

  static class ChatTimeoutError extends RuntimeException {}

  static class SubclassOfCustomTimeout extends ChatTimeoutError {}

  static class ReplyTimedOutException extends RuntimeException {}

  static class VendorFailure extends SQLException {}

  static class JdbcGlitch extends RuntimeException {}

  static class BadSqlGrammar extends RuntimeException {}

  static class DataAccessProblem extends RuntimeException {}

  static class PersistenceFailure extends RuntimeException {}

  static class HibernateBoom extends RuntimeException {}

  static class DatabaseDown extends RuntimeException {}

  static class BadCommand extends IllegalArgumentException {}

  static class InvalidCommandException extends RuntimeException {}

  static class CommandValidationError extends RuntimeException {}

  static class ConstraintBroken extends RuntimeException {}

  static class ParseFailure extends Exception {}

  static class UserNotFoundException extends RuntimeException {}

  static class SubclassOfUserNotFound extends UserNotFoundException {}

  static class UpstreamException extends RuntimeException {
    UpstreamException() {}

    UpstreamException(String message) {
      super(message);
    }
  }

  static class UpstreamRateLimited extends UpstreamException {}

  @org.junit.jupiter.api.Test
  void messageFragmentsMatchIgnoringCaseWithoutCopyingTheMessage() {
    assertThat(ThrowableMatcher.containsIgnoringCase("Pool EXHAUSTED now", "pool exhausted")).isTrue();
    assertThat(ThrowableMatcher.containsIgnoringCase("xx Too Many Open Files", "too many open files")).isTrue();
    assertThat(ThrowableMatcher.containsIgnoringCase("pool exhauste", "pool exhausted")).isFalse();
    assertThat(ThrowableMatcher.containsIgnoringCase("", "a")).isFalse();
    assertThat(ThrowableMatcher.containsIgnoringCase("abc", "")).isTrue();
    // the verdict of a class rule is remembered per class, and a subclass still gets its own
    ErrorCategorizer categorizer = ErrorCategorizer.defaults();
    assertThat(categorizer.category(new IllegalArgumentException("x"))).isEqualTo("validation");
    assertThat(categorizer.category(new NumberFormatException("x"))).isEqualTo("validation");
    assertThat(categorizer.category(new IllegalStateException("x"))).isEqualTo("internal");
  }
}
