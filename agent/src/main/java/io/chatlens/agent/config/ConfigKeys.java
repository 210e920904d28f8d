package io.chatlens.agent.config;

import io.chatlens.instrumentation.matching.MethodPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code chatlens.*} key the agent understands, with its type, default and meaning. The README's
 * configuration reference is generated from this list ({@code java -jar chatlens-agent.jar config --keys}).
 */
public final class ConfigKeys {

  private static final Map<String, ConfigKey<?>> ALL = new LinkedHashMap<>();

  // --- General -------------------------------------------------------------------------------------
  public static final ConfigKey<Boolean> ENABLED = key("General", "chatlens.enabled", ValueType.bool(), "true",
      "Turns the whole agent on or off. With false the agent installs nothing and costs nothing.");
  public static final ConfigKey<Boolean> STRICT = key("General", "chatlens.strict", ValueType.bool(), "false",
      "Fail fast: on any configuration error or unknown key the agent refuses to start (the application still starts).");
  public static final ConfigKey<String> CONFIG = key("General", "chatlens.config", ValueType.text(), "",
      "Path of agent.properties. Also the agent option config=PATH or CHATLENS_CONFIG; default ./agent.properties.");
  public static final ConfigKey<Boolean> BANNER = key("General", "chatlens.banner", ValueType.bool(), "true",
      "Print the one-line startup banner on standard error.");
  public static final ConfigKey<Boolean> DEBUG = key("General", "chatlens.debug", ValueType.bool(), "false",
      "Print the agent's own debug diagnostics (matched classes, init timings) on standard error.");
  public static final ConfigKey<Duration> INIT_TIMEOUT = key("General", "chatlens.init.timeout", ValueType.duration(), "10s",
      "Longest time the loading of an instrumented class waits for the agent's background initialisation.");

  // --- Instrumentation -----------------------------------------------------------------------------
  public static final ConfigKey<Boolean> AUTO_DETECT = key("Instrumentation", "chatlens.instrument.auto-detect", ValueType.bool(), "true",
      "Instrument classes named by convention (*ChatService#handle*, *SessionManager, *CommandParser, *SearchEngine, "
          + "*DatabaseManager, *ErrorHandler) for every component that has no pattern of its own.");
  public static final ConfigKey<List<MethodPattern>> TURN = pattern("turn",
      "The method that handles one user message from start to reply, e.g. com.acme.chat.ChatService#handle.");
  public static final ConfigKey<List<MethodPattern>> SESSION = pattern("session",
      "Session lifecycle methods, e.g. com.acme.chat.SessionManager#create*,update*,close*,expire*.");
  public static final ConfigKey<List<MethodPattern>> PARSER = pattern("parser",
      "Command parsing and validation methods, e.g. com.acme.chat.CommandParser#parse.");
  public static final ConfigKey<List<MethodPattern>> SEARCH = pattern("search",
      "Search methods whose results are counted, e.g. com.acme.chat.SearchEngine#search*.");
  public static final ConfigKey<List<MethodPattern>> DATABASE = pattern("database",
      "The application's own data-access methods; their spans parent the JDBC spans.");
  public static final ConfigKey<List<MethodPattern>> ERRORS = pattern("errors",
      "Error handler methods: any Throwable argument they receive is captured as an error.");
  public static final ConfigKey<List<String>> EXCLUDE = key("Instrumentation", "chatlens.instrument.exclude",
      ValueType.list(), "",
      "Extra package prefixes never instrumented, in addition to the JDK, the agent and common libraries.");
  public static final ConfigKey<Duration> GRACE_PERIOD = key("Instrumentation", "chatlens.instrument.grace-period",
      ValueType.duration(), "60s",
      "After this time, each configured pattern that matched no class gets one warning.");
  public static final ConfigKey<Boolean> JDBC = key("Instrumentation", "chatlens.instrument.jdbc", ValueType.bool(), "true",
      "Instrument every JDBC driver (statements, connections, data sources).");

  // --- Logging -------------------------------------------------------------------------------------
  public static final ConfigKey<String> LOG_DIR = key("Logging", "chatlens.log.dir", ValueType.nonEmptyText(), "logs",
      "Directory of the structured log files (relative to the application's working directory).");
  public static final ConfigKey<String> LOG_FILE = key("Logging", "chatlens.log.file", ValueType.nonEmptyText(), "chatbot.log",
      "Name of the main structured log file.");
  public static final ConfigKey<String> LOG_LEVEL = key("Logging", "chatlens.log.level",
      ValueType.oneOf("debug", "info", "warn", "error"), "info",
      "Lowest level written to the structured log.");
  public static final ConfigKey<Boolean> LOG_CONSOLE = key("Logging", "chatlens.log.console", ValueType.bool(), "false",
      "Also write the structured log to standard error.");
  public static final ConfigKey<Long> LOG_MAX_FILE_SIZE = key("Logging", "chatlens.log.max-file-size", ValueType.size(), "100MB",
      "Size at which the log file is rotated (it is also rotated daily at midnight UTC).");
  public static final ConfigKey<Integer> LOG_QUEUE_SIZE = key("Logging", "chatlens.log.queue-size",
      ValueType.integer(64, 1_000_000), "8192",
      "Events buffered between application threads and the log writer. DEBUG/INFO are dropped first when it fills.");

  private ConfigKeys() {}

  /** Every key, in documentation order. */
  public static List<ConfigKey<?>> all() {
    return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
  }

  /** The key with this exact name, or {@code null}. */
  public static ConfigKey<?> byName(String name) {
    ConfigKey<?> key = ALL.get(name);
    if (key == null) {
      String normalized = ConfigNames.normalize(name);
      for (ConfigKey<?> candidate : ALL.values()) {
        if (ConfigNames.normalize(candidate.name()).equals(normalized)) {
          return candidate;
        }
      }
    }
    return key;
  }

  static <T> ConfigKey<T> key(String section, String name, ValueType<T> type, String defaultValue, String description) {
    return register(new ConfigKey<>(section, name, type, defaultValue, description, false));
  }

  static <T> ConfigKey<T> secret(String section, String name, ValueType<T> type, String defaultValue, String description) {
    return register(new ConfigKey<>(section, name, type, defaultValue, description, true));
  }

  private static ConfigKey<List<MethodPattern>> pattern(String component, String description) {
    return key("Instrumentation", "chatlens.instrument." + component, ValueType.methodPatterns(), "", description);
  }

  private static <T> ConfigKey<T> register(ConfigKey<T> key) {
    if (ALL.put(key.name(), key) != null) {
      throw new IllegalStateException("duplicate key " + key.name());
    }
    return key;
  }
}
