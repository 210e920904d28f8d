package io.chatlens.agent.config;

/**
 * A raw value as one source gave it.
 *
 * @param key the canonical key name
 * @param value the value, placeholders already resolved
 * @param source where it came from
 * @param origin a human pointer: the file path, the environment variable or {@code -Dkey}
 * @param line the line in the file, or 0
 * @param fromPlaceholder whether the value was written as {@code ${env:NAME}}, which marks it secret
 */
public record ConfigValue(String key, String value, ConfigSource source, String origin, int line, boolean fromPlaceholder) {

  /** For example {@code /etc/chatbot/agent.properties:12} or {@code environment variable CHATLENS_DEBUG}. */
  public String describeOrigin() {
    return switch (source) {
      case FILE -> origin + (line > 0 ? ":" + line : "");
      case ENVIRONMENT -> "environment variable " + origin;
      case SYSTEM_PROPERTY -> "system property -D" + origin;
      case AGENT_OPTIONS -> "agent options";
      case DEFAULT -> "default";
    };
  }
}
