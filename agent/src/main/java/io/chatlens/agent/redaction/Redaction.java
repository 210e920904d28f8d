package io.chatlens.agent.redaction;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;

/** Builds the agent's single {@link Redactor} from the configuration. */
public final class Redaction {

  private Redaction() {}

  public static Redactor from(AgentConfig config) {
    RedactionConfig.Builder builder = RedactionConfig.defaults().toBuilder()
        .addSensitiveKeys(config.get(ConfigKeys.REDACTION_KEYS))
        .hashUserIds(config.get(ConfigKeys.REDACTION_HASH_USER_IDS))
        .maxLabelValues(config.get(ConfigKeys.METRICS_MAX_LABEL_VALUES));
    String salt = config.get(ConfigKeys.REDACTION_SALT);
    if (salt != null && !salt.isEmpty()) {
      builder.salt(salt);
    }
    String patterns = config.get(ConfigKeys.REDACTION_PATTERNS);
    if (patterns != null && !patterns.isBlank()) {
      builder.patterns(RedactionConfig.parsePatterns(patterns));
    }
    return new Redactor(builder.build());
  }
}
