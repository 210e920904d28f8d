package io.chatlens.instrumentation.errors;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A test on one throwable of a cause chain. Class tests look at the throwable's class and every superclass, so a
 * rule written for a class also covers its subclasses.
 */
@FunctionalInterface
interface ThrowableMatcher {

  /** Whether the throwable matches; {@code error} is never {@code null}. */
  boolean matches(Throwable error);

  /** Matches when this or {@code other} matches. */
  default ThrowableMatcher or(ThrowableMatcher other) {
    return error -> matches(error) || other.matches(error);
  }

  /** Matches when this and {@code other} match. */
  default ThrowableMatcher and(ThrowableMatcher other) {
    return error -> matches(error) && other.matches(error);
  }

  /** Matches instances of any of the classes, named by binary name, or of their subclasses. */
  static ThrowableMatcher instanceOf(String... classNames) {
    return anyClassName(name -> containsExactly(classNames, name));
  }

  /** Matches when the simple name of the class or of a superclass contains any of the fragments (case matters). */
  static ThrowableMatcher simpleNameContains(String... fragments) {
    return anyClassName(name -> {
      String simple = ClassHierarchy.simpleName(name);
      for (String fragment : fragments) {
        if (simple.contains(fragment)) {
          return true;
        }
      }
      return false;
    });
  }

  /**
   * Matches when the class or a superclass fits a glob where {@code *} stands for any text. A glob with a dot is
   * compared with the binary name ({@code com.acme.*}), one without with the simple name ({@code *NotFound*}).
   */
  static ThrowableMatcher nameGlob(String glob) {
    StringJoiner regex = new StringJoiner(".*");
    for (String part : glob.split("\\*", -1)) {
      regex.add(Pattern.quote(part));
    }
    Pattern pattern = Pattern.compile(regex.toString());
    boolean qualified = glob.indexOf('.') >= 0;
    return anyClassName(name -> pattern.matcher(qualified ? name : ClassHierarchy.simpleName(name)).matches());
  }

  /** Matches when the class or a superclass satisfies {@code test} on its binary name. */
  static ThrowableMatcher anyClassName(Predicate<String> test) {
    // the verdict depends on the class alone: worked out once per class (every error of the turn that throws it
    // again costs a lookup). A ClassValue keeps no class alive: its entries live and die with the class.
    ClassValue<Boolean> verdicts = new ClassValue<>() {
      @Override
      protected Boolean computeValue(Class<?> type) {
        for (String name : ClassHierarchy.namesOf(type)) {
          if (test.test(name)) {
            return Boolean.TRUE;
          }
        }
        return Boolean.FALSE;
      }
    };
    return error -> verdicts.get(error.getClass());
  }

  /** Matches when the message contains any of the fragments, ignoring case. */
  static ThrowableMatcher messageContains(String... fragments) {
    String[] lowerCase = new String[fragments.length];
    for (int i = 0; i < fragments.length; i++) {
      lowerCase[i] = fragments[i].toLowerCase(Locale.ROOT);
    }
    return error -> {
      String message = CauseChain.messageOf(error);
      if (message == null) {
        return false;
      }
      for (String fragment : lowerCase) {
        if (containsIgnoringCase(message, fragment)) {
          return true;
        }
      }
      return false;
    };
  }

  /** {@code text.toLowerCase().contains(fragment)} for a lower-case fragment, without copying the text. */
  static boolean containsIgnoringCase(String text, String fragment) {
    int last = text.length() - fragment.length();
    if (fragment.isEmpty()) {
      return true;
    }
    char first = fragment.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    for (int i = 0; i <= last; i++) {
      char c = text.charAt(i);
      if ((c == first || c == firstUpper || Character.toLowerCase(c) == first)
          && text.regionMatches(true, i, fragment, 0, fragment.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsExactly(String[] names, String name) {
    for (String candidate : names) {
      if (candidate.equals(name)) {
        return true;
      }
    }
    return false;
  }
}
