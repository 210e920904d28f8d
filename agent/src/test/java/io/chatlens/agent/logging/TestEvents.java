package io.chatlens.agent.logging;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.instrumentation.core.ChatEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Events and configurations for the logging tests. */
final class TestEvents {

  static final long SEED_INSTANT = Instant.parse("2024-01-15T10:30:45.123Z").toEpochMilli();

  private TestEvents() {}

  /** An event at the seed's instant; {@code pairs} are context keys and values. */
  static ChatEvent event(ChatEvent.Level level, String module, String function, String message, String... pairs) {
    return new ChatEvent(SEED_INSTANT, level, module, function, message, context(pairs), null, false);
  }

  static ChatEvent audit(ChatEvent.Level level, String message, String... pairs) {
    return new ChatEvent(SEED_INSTANT, level, "session_manager", "create_session", message, context(pairs), null, true);
  }

  static ChatEvent failure(String message, Throwable error) {
    return new ChatEvent(SEED_INSTANT, ChatEvent.Level.ERROR, "error_handler", "handle", message, Map.of(), error, false);
  }

  static Map<String, String> context(String... pairs) {
    Map<String, String> context = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      context.put(pairs[i], pairs[i + 1]);
    }
    return context;
  }

  /** The configuration with {@code chatlens.log.dir} set to the directory and these extra keys and values. */
  static AgentConfig config(Path logDirectory, String... keysAndValues) {
    Properties properties = new Properties();
    properties.setProperty("chatlens.log.dir", logDirectory.toString());
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return ConfigLoader.load(null, Map.of(), properties, logDirectory);
  }
}
