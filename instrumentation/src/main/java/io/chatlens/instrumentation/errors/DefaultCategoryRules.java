package io.chatlens.instrumentation.errors;

import static io.chatlens.instrumentation.errors.ThrowableMatcher.anyClassName;
import static io.chatlens.instrumentation.errors.ThrowableMatcher.instanceOf;
import static io.chatlens.instrumentation.errors.ThrowableMatcher.messageContains;
import static io.chatlens.instrumentation.errors.ThrowableMatcher.simpleNameContains;

import java.util.List;

/**
 * The built-in rules, in priority order: timeout, resource, database, validation. Classes are named rather than
 * referenced, so a rule costs nothing when its module (java.sql, java.net.http) is absent.
 *
 * <ul>
 *   <li>timeout: {@code TimeoutException}, {@code SocketTimeoutException}, {@code HttpTimeoutException},
 *       {@code SQLTimeoutException}, any class named {@code *Timeout*}, {@code *TimeOut*} or {@code *TimedOut*},
 *       an {@code InterruptedIOException} whose message says "timed out";</li>
 *   <li>resource: {@code OutOfMemoryError}, {@code StackOverflowError}, {@code RejectedExecutionException},
 *       {@code ConnectException}, {@code FileSystemException} (so {@code NoSuchFileException}),
 *       {@code FileNotFoundException}, and any message containing "No space left", "Too many open files",
 *       "pool exhausted" or "Connection is not available" (HikariCP);</li>
 *   <li>database: {@code SQLException}, any class named {@code *SQL*}, {@code *Sql*}, {@code *Jdbc*},
 *       {@code *JDBC*}, {@code *DataAccess*}, {@code *Persistence*}, {@code *Hibernate*} or {@code *Database*}, and
 *       classes of JDBC drivers, JPA, Hibernate (but not Hibernate Validator), Spring's dao, jdbc and orm packages
 *       and jOOQ;</li>
 *   <li>validation: {@code IllegalArgumentException} (so {@code NumberFormatException}),
 *       {@code DateTimeParseException}, any class named {@code *Invalid*}, {@code *Validation*},
 *       {@code *Constraint*} or {@code *Parse*}.</li>
 * </ul>
 *
 * <p>Every class test also covers subclasses: the class hierarchy is walked by reflection.
 */
final class DefaultCategoryRules {

  private static final String[] DATABASE_PACKAGES = {
      "java.sql.", "javax.sql.", "javax.persistence.", "jakarta.persistence.", "org.hibernate.",
      "org.springframework.dao.", "org.springframework.jdbc.", "org.springframework.orm.", "org.jooq.",
      "org.postgresql.", "com.mysql.", "org.mariadb.", "org.h2.", "org.hsqldb.", "org.sqlite.", "org.apache.derby.",
      "oracle.jdbc.", "com.microsoft.sqlserver.",
  };
  private static final String NOT_DATABASE_PACKAGE = "org.hibernate.validator.";

  private static final List<CategoryRule> RULES = List.of(
      new CategoryRule(ErrorCategorizer.TIMEOUT, timeout(), "default timeout"),
      new CategoryRule(ErrorCategorizer.RESOURCE, resource(), "default resource"),
      new CategoryRule(ErrorCategorizer.DATABASE, database(), "default database"),
      new CategoryRule(ErrorCategorizer.VALIDATION, validation(), "default validation"));

  private DefaultCategoryRules() {}

  /** The built-in rules, highest priority first. */
  static List<CategoryRule> rules() {
    return RULES;
  }

  private static ThrowableMatcher timeout() {
    return instanceOf("java.util.concurrent.TimeoutException", "java.net.SocketTimeoutException",
        "java.net.http.HttpTimeoutException", "java.sql.SQLTimeoutException")
        .or(simpleNameContains("Timeout", "TimeOut", "TimedOut"))
        .or(instanceOf("java.io.InterruptedIOException").and(messageContains("timed out")));
  }

  private static ThrowableMatcher resource() {
    return instanceOf("java.lang.OutOfMemoryError", "java.lang.StackOverflowError",
        "java.util.concurrent.RejectedExecutionException", "java.net.ConnectException",
        "java.nio.file.FileSystemException", "java.io.FileNotFoundException")
        .or(messageContains("No space left", "Too many open files", "pool exhausted", "Connection is not available"));
  }

  private static ThrowableMatcher database() {
    return instanceOf("java.sql.SQLException")
        .or(simpleNameContains("SQL", "Sql", "Jdbc", "JDBC", "DataAccess", "Persistence", "Hibernate", "Database"))
        .or(anyClassName(DefaultCategoryRules::isDatabasePackage));
  }

  private static ThrowableMatcher validation() {
    return instanceOf("java.lang.IllegalArgumentException", "java.time.format.DateTimeParseException")
        .or(simpleNameContains("Invalid", "Validation", "Constraint", "Parse"));
  }

  private static boolean isDatabasePackage(String className) {
    if (className.startsWith(NOT_DATABASE_PACKAGE)) {
      return false;
    }
    for (String prefix : DATABASE_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
