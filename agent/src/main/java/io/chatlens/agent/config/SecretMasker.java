package io.chatlens.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks secrets when the configuration is printed or reported: the values of keys declared secret, of
 * values written as placeholders, and of every key whose name is or merely looks like a secret's.
 *
 * <p>The rule for a name (see {@link #looksSecret(String)}): it contains password, passwd, pwd, secret,
 * token, api-key, authorization, credential or cookie anywhere; or one of its words (split at dots,
 * dashes, underscores and camel case), or two adjacent words joined, is within a small edit distance of
 * password, passwd, passphrase, secret, token, apikey, accesskey, privatekey, credential(s),
 * authorization or cookie, starting with the same letter: one typo (a letter missing, added, changed,
 * or two letters swapped) for words of 5 to 8 letters, two for longer ones. {@code pass} and {@code pwd}
 * must be whole words. So {@code pasword}, {@code api_tokn}, {@code secrt}, {@code passwd},
 * {@code credentials} and {@code private_key} are masked, while {@code session-id}, {@code passport},
 * {@code secure}, {@code client.key} or {@code keys} are not. A few ordinary words one typo away from a
 * secret word are never masked: {@code passed}, {@code taken}.
 */
public final class SecretMasker {

  private static final Pattern SECRET_NAME = Pattern.compile(
      ".*(password|passwd|pwd|secret|token|api[._-]?key|authorization|credential|cookie).*");
  private static final List<String> SECRET_WORDS = List.of("password", "passwd", "passphrase", "secret", "token",
      "apikey", "accesskey", "privatekey", "credential", "credentials", "authorization", "cookie");
  private static final Set<String> EXACT_SECRET_WORDS = Set.of("pass", "pwd");
  private static final Set<String> INNOCENT_WORDS = Set.of("passed", "taken");
  private static final Pattern CAMEL_CASE = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
  private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
  public static final String MASK = "****";

  private SecretMasker() {}

  /** The value to show for this key. */
  public static String mask(String key, String value, boolean secret) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    if (key.endsWith("headers")) {
      return maskHeaderValues(value);
    }
    if (secret || looksSecret(key)) {
      return MASK;
    }
    return value;
  }

  /** The value to show for a key as a source wrote it: masked for a declared secret or a name that looks like one. */
  static String maskByKey(String key, String value) {
    ConfigKey<?> known = ConfigKeys.byName(key);
    if (known == null) {
      known = OtelKeys.known().get(key);
    }
    return mask(key, value, known != null && known.secret());
  }

  /** Whether a key's name is, or looks like (a typo away from), the name of a secret; see the class comment. */
  public static boolean looksSecret(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    String lower = key.toLowerCase(Locale.ROOT);
    if (SECRET_NAME.matcher(lower).matches()) {
      return true;
    }
    List<String> words = new ArrayList<>();
    for (String word : SEPARATORS.split(CAMEL_CASE.matcher(key).replaceAll(".").toLowerCase(Locale.ROOT))) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    for (int i = 0; i < words.size(); i++) {
      if (EXACT_SECRET_WORDS.contains(words.get(i)) || resembles(words.get(i))
          || i + 1 < words.size() && resembles(words.get(i) + words.get(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean resembles(String word) {
    if (word.length() < 4 || INNOCENT_WORDS.contains(word)) {
      return false;
    }
    for (String secret : SECRET_WORDS) {
      int allowed = secret.length() >= 9 ? 2 : 1;
      if (word.charAt(0) == secret.charAt(0) && Math.abs(word.length() - secret.length()) <= allowed
          && distance(word, secret) <= allowed) {
        return true;
      }
    }
    return false;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** {@code Authorization=Bearer abc,x-tenant=acme} becomes {@code Authorization=****,x-tenant=****}. */
  static String maskHeaderValues(String headers) {
    StringBuilder out = new StringBuilder();
    for (String pair : headers.split(",")) {
      if (out.length() > 0) {
        out.append(',');
      }
      int eq = pair.indexOf('=');
      out.append(eq < 0 ? MASK : pair.substring(0, eq).trim() + "=" + MASK);
    }
    return out.toString();
  }
}
