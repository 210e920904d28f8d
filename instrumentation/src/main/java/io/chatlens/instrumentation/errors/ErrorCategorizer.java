package io.chatlens.instrumentation.errors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts errors into categories: {@value #TIMEOUT}, {@value #RESOURCE}, {@value #DATABASE}, {@value #VALIDATION},
 * or {@value #INTERNAL} when no rule matches. Configured categories may add any other name (say {@code external}).
 *
 * <p><b>Precedence.</b> Rules are tried in order, configured rules first in the order written, then the built-in
 * ones by priority: timeout, resource, database, validation. Each rule is tried against every throwable of the
 * cause chain (outermost to root, at most 10); the first rule that matches any of them decides. So the rule order,
 * not the position in the chain, settles conflicts, and a wrapper cannot hide what its cause says:
 *
 * <ul>
 *   <li>timeout comes first because a timeout is the most telling fact: an {@code SQLTimeoutException} is also an
 *       {@code SQLException}, and a timeout wrapped in an {@code IllegalStateException} or an
 *       {@code ExecutionException} is still a timeout;</li>
 *   <li>resource comes before database because pools and drivers report exhaustion as {@code SQLException}s
 *       (HikariCP's "Connection is not available" is an {@code SQLTransientConnectionException}), and a database
 *       that cannot be reached shows a {@code ConnectException} cause: capacity and reachability, not the query;</li>
 *   <li>database comes before validation because database layers name their own errors
 *       {@code ConstraintViolationException} or {@code InvalidDataAccessApiUsageException};</li>
 *   <li>validation comes last because {@code IllegalArgumentException} is the widest rule, and parsing errors are
 *       often the consequence of something above rather than the cause.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. {@link #category(Throwable)} never throws.
 */
public final class ErrorCategorizer {

  /** An invalid request or command: a user error by default. */
  public static final String VALIDATION = "validation";
  /** A failure of the database, its driver or the persistence layer. */
  public static final String DATABASE = "database";
  /** Something took too long. */
  public static final String TIMEOUT = "timeout";
  /** Memory, threads, files, disk, connections or pools ran out or could not be reached. */
  public static final String RESOURCE = "resource";
  /** Anything else: a bug or an unclassified failure. */
  public static final String INTERNAL = "internal";
  /** The configuration key whose value {@link #withRules(String)} reads. */
  public static final String CONFIG_KEY = "chatlens.errors.categories";

  private static final ErrorCategorizer DEFAULT =
      new ErrorCategorizer(DefaultCategoryRules.rules(), Set.of(VALIDATION));

  private final List<CategoryRule> rules;
  private final Set<String> userErrorCategories;

  private ErrorCategorizer(List<CategoryRule> rules, Set<String> userErrorCategories) {
    this.rules = List.copyOf(rules);
    this.userErrorCategories = Set.copyOf(userErrorCategories);
  }

  /** The built-in rules only. */
  public static ErrorCategorizer defaults() {
    return DEFAULT;
  }

  /**
   * The rules of {@code spec}, the value of {@value #CONFIG_KEY}, before the built-in ones. The format is
   * {@code category:rule,rule;category:rule}, where a rule is a binary class name (that class and its subclasses),
   * a glob with {@code *} on simple class names ({@code *NotFound*}; with a dot, on binary names:
   * {@code com.acme.*}), a name without a dot (exactly that simple class name), or {@code message~text} (the
   * message contains the text, ignoring case). Category names are read in lower case. A {@code null} or blank spec
   * gives the built-in rules only.
   *
   * @throws IllegalArgumentException when the spec is malformed; the message names the bad part
   */
  public static ErrorCategorizer withRules(String spec) {
    List<CategoryRule> rules = new ArrayList<>(CategorySpecParser.parse(spec));
    rules.addAll(DefaultCategoryRules.rules());
    return new ErrorCategorizer(rules, DEFAULT.userErrorCategories);
  }

  /**
   * A copy of this categorizer for which the given categories, rather than just {@value #VALIDATION}, are user
   * errors. Names are compared ignoring case; {@code null} and blank names are ignored.
   */
  public ErrorCategorizer withUserErrorCategories(Collection<String> categories) {
    List<String> names = new ArrayList<>();
    if (categories != null) {
      for (String category : categories) {
        if (category != null && !category.isBlank()) {
          names.add(category.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return new ErrorCategorizer(rules, Set.copyOf(names));
  }

  /** The category of an error; {@value #INTERNAL} for {@code null}, when no rule matches, or when matching fails. */
  public String category(Throwable error) {
    if (error == null) {
      return INTERNAL;
    }
    try {
      List<Throwable> chain = CauseChain.of(error);
      for (CategoryRule rule : rules) {
        if (rule.matchesAny(chain)) {
          return rule.category();
        }
      }
    } catch (RuntimeException e) {
      return INTERNAL;
    }
    return INTERNAL;
  }

  /**
   * Whether errors of this category are the user's doing (an invalid command) rather than the system's: by default
   * true for {@value #VALIDATION} only. Names are compared ignoring case.
   */
  public boolean isUserError(String category) {
    return category != null && userErrorCategories.contains(category.trim().toLowerCase(Locale.ROOT));
  }
}
