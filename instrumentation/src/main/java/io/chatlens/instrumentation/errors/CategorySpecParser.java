package io.chatlens.instrumentation.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the value of {@code chatlens.errors.categories}: {@code category:rule,rule;category:rule}. A rule is
 *
 * <ul>
 *   <li>{@code message~text}: the message contains {@code text}, ignoring case;</li>
 *   <li>a glob with {@code *}: {@code *Timeout*} is compared with simple class names, {@code com.acme.*} (a glob
 *       with a dot) with binary names;</li>
 *   <li>a name without a dot: exactly that simple class name ({@code RateLimitedException});</li>
 *   <li>a binary class name ({@code com.acme.RateLimitedException}): that class and its subclasses.</li>
 * </ul>
 *
 * <p>Spaces around names and rules are ignored, as are empty segments and empty rules ({@code a:X,;}). Category
 * names are made of letters, digits, {@code _}, {@code -} and {@code .}, and are read in lower case. The message
 * text of a rule cannot contain {@code ,} or {@code ;}.
 */
final class CategorySpecParser {

  private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_.-]*");
  private static final String IDENTIFIER = "[\\p{L}_$][\\p{L}\\p{N}_$]*";
  private static final Pattern CLASS_NAME = Pattern.compile(IDENTIFIER + "(?:\\." + IDENTIFIER + ")*");
  private static final Pattern GLOB = Pattern.compile("[\\p{L}\\p{N}_$.*]+");
  private static final String MESSAGE_KIND = "message";

  private CategorySpecParser() {}

  /** The rules of a spec, in the order written; none for a {@code null} or blank spec. */
  static List<CategoryRule> parse(String spec) {
    List<CategoryRule> rules = new ArrayList<>();
    if (spec == null) {
      return rules;
    }
    for (String rawSegment : spec.split(";", -1)) {
      String segment = rawSegment.trim();
      if (!segment.isEmpty()) {
        parseSegment(segment, rules);
      }
    }
    return rules;
  }

  private static void parseSegment(String segment, List<CategoryRule> rules) {
    int colon = segment.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + segment + "' has no category; write category:rule,rule");
    }
    String category = segment.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    if (!CATEGORY.matcher(category).matches()) {
      throw new IllegalArgumentException("'" + segment.substring(0, colon).trim() + "' in '" + segment
          + "' is not a category name; use letters, digits, '_', '-' or '.', starting with a letter");
    }
    int before = rules.size();
    for (String rawRule : segment.substring(colon + 1).split(",", -1)) {
      String rule = rawRule.trim();
      if (!rule.isEmpty()) {
        rules.add(new CategoryRule(category, parseRule(rule, segment), rule));
      }
    }
    if (rules.size() == before) {
      throw new IllegalArgumentException("category '" + category + "' in '" + segment + "' has no rules");
    }
  }

  private static ThrowableMatcher parseRule(String rule, String segment) {
    int tilde = rule.indexOf('~');
    if (tilde >= 0) {
      String kind = rule.substring(0, tilde).trim();
      String text = rule.substring(tilde + 1).trim();
      if (!kind.equalsIgnoreCase(MESSAGE_KIND)) {
        throw new IllegalArgumentException("rule '" + rule + "' in '" + segment
            + "' is not understood; the only rule with '~' is message~text");
      }
      if (text.isEmpty()) {
        throw new IllegalArgumentException("rule '" + rule + "' in '" + segment + "' has no text after '~'");
      }
      return ThrowableMatcher.messageContains(text);
    }
    if (rule.indexOf('*') >= 0) {
      if (!GLOB.matcher(rule).matches() || rule.contains("..")) {
        throw new IllegalArgumentException("glob '" + rule + "' in '" + segment
            + "' may only hold class name characters and '*'");
      }
      return ThrowableMatcher.nameGlob(rule);
    }
    if (!CLASS_NAME.matcher(rule).matches()) {
      throw new IllegalArgumentException("rule '" + rule + "' in '" + segment
          + "' is neither a class name, a glob with '*' nor message~text");
    }
    return rule.indexOf('.') >= 0 ? ThrowableMatcher.instanceOf(rule) : ThrowableMatcher.nameGlob(rule);
  }
}
