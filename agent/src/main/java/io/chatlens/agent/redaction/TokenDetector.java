package io.chatlens.agent.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials with a recognisable shape: {@code Bearer}/{@code Basic} credentials (the scheme word
 * is kept), JWTs and provider API keys (Stripe, OpenAI-style {@code sk-}, AWS, GitHub, Slack, Google).
 *
 * <p>A single scan looks for the known prefixes; a rule's expression is then matched only where its
 * prefix starts a word, not after a letter, digit, {@code _} or {@code -}
 * ({@link Matcher#lookingAt()} on a region), never searched across the text. All
 * repetitions are possessive, so no expression backtracks.
 */
final class TokenDetector implements Detector {

  private static final String MARKER = RedactionMarkers.marker(RedactionMarkers.TOKEN);

  /**
   * One credential shape.
   *
   * @param pattern matched at the prefix position
   * @param group the group to replace (0 for the whole match)
   * @param mustLookRandom whether the replaced text must also pass {@link SecretShape#looksRandom}
   */
  private record Rule(Pattern pattern, int group, boolean mustLookRandom) {}

  private final List<Rule> rules = new ArrayList<>();
  private final List<Integer> ruleOfLiteral = new ArrayList<>();
  private final LiteralScanner scanner;

  TokenDetector() {
    List<LiteralScanner.Literal> literals = new ArrayList<>();
    // "Bearer abc" / "Basic dXNlcjpwYXNz": keep the scheme, replace the credential.
    rule(literals, true, "(?i:bearer|basic)[ \\t]++([A-Za-z0-9\\-._~+/]++=*+)", 1, true, "bearer", "basic");
    // JWT: three base64url parts, the first one a JSON object ("eyJ").
    rule(literals, false, "eyJ[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]*+", 0, false, "eyJ");
    // Stripe secret, restricted and publishable keys.
    rule(literals, false, "(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}+", 0, false, "sk_", "rk_", "pk_");
    // OpenAI-style keys (sk-..., sk-proj-..., sk-ant-...); a digit tells them from words like sk-learn.
    rule(literals, false, "sk-(?=[A-Za-z_-]*+[0-9])[A-Za-z0-9_-]{16,}+", 0, false, "sk-");
    // AWS access key ids.
    rule(literals, false, "(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])", 0, false, "AKIA", "ASIA");
    // GitHub tokens.
    rule(literals, false, "gh[pousr]_[A-Za-z0-9]{20,}+", 0, false, "ghp_", "gho_", "ghs_", "ghu_", "ghr_");
    rule(literals, false, "github_pat_[A-Za-z0-9_]{20,}+", 0, false, "github_pat_");
    // Slack tokens.
    rule(literals, false, "xox[abprs]-[A-Za-z0-9-]{10,}+", 0, false, "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-");
    // Google API keys.
    rule(literals, false, "AIza[0-9A-Za-z_-]{30,}+", 0, false, "AIza");
    this.scanner = new LiteralScanner(literals, true);
  }

  private void rule(List<LiteralScanner.Literal> literals, boolean ignoreCase, String regex, int group,
      boolean mustLookRandom, String... prefixes) {
    rules.add(new Rule(Pattern.compile(regex), group, mustLookRandom));
    for (String prefix : prefixes) {
      literals.add(new LiteralScanner.Literal(prefix, ignoreCase, false));
      ruleOfLiteral.add(rules.size() - 1);
    }
  }

  @Override
  public void detect(String text, Findings findings) {
    scanner.scan(text, (start, end, index) -> {
      Rule rule = rules.get(ruleOfLiteral.get(index));
      Matcher matcher = rule.pattern().matcher(text).region(start, text.length());
      if (!matcher.lookingAt()) {
        return start;
      }
      int from = matcher.start(rule.group());
      int to = matcher.end(rule.group());
      if (rule.mustLookRandom() && !SecretShape.looksRandom(text, from, to)) {
        return start;
      }
      findings.add(from, to, MARKER);
      return matcher.end();
    });
  }
}
