package io.chatlens.instrumentation.errors;

/**
 * One categorisation rule: errors whose cause chain holds a throwable that {@code matcher} accepts belong to
 * {@code category}.
 *
 * @param category the category name, lower case
 * @param matcher the test applied to each throwable of the chain
 * @param source where the rule comes from, for messages: the rule text of the configuration or a built-in name
 */
record CategoryRule(String category, ThrowableMatcher matcher, String source) {

  /** Whether any throwable of the chain, outermost first, matches. */
  boolean matchesAny(Iterable<Throwable> chain) {
    for (Throwable error : chain) {
      if (matcher.matches(error)) {
        return true;
      }
    }
    return false;
  }
}
