package io.chatlens.agent.config;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}}, {@code ${env:NAME:-fallback}} and {@code ${sys:name}} in values, so that
 * secrets need not be written into agent.properties.
 */
final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(env|sys):([^}:]+)(?::-([^}]*))?}");

  private final Map<String, String> environment;
  private final Properties systemProperties;

  Placeholders(Map<String, String> environment, Properties systemProperties) {
    this.environment = environment;
    this.systemProperties = systemProperties;
  }

  static boolean contains(String value) {
    return value.contains("${");
  }

  /** Resolves every placeholder; throws {@link IllegalArgumentException} naming a missing variable. */
  String resolve(String value) {
    Matcher matcher = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String kind = matcher.group(1);
      String name = matcher.group(2).trim();
      String resolved = kind.equals("env") ? environment.get(name) : systemProperties.getProperty(name);
      if (resolved == null) {
        resolved = matcher.group(3);
      }
      if (resolved == null) {
        throw new IllegalArgumentException((kind.equals("env") ? "environment variable " : "system property ")
            + name + " is not set");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    matcher.appendTail(out);
    if (out.indexOf("${") >= 0 && !PLACEHOLDER.matcher(value).find()) {
      throw new IllegalArgumentException("malformed placeholder; write ${env:NAME} or ${sys:name}");
    }
    return out.toString();
  }
}
