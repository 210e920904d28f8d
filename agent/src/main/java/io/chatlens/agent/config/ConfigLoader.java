package io.chatlens.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the effective configuration from, highest precedence first: system properties, environment
 * variables ({@code CHATLENS_FOO_BAR} for {@code chatlens.foo.bar}, {@code OTEL_*} for {@code otel.*}),
 * the agent options, agent.properties, then the defaults. This is the precedence of OpenTelemetry.
 *
 * <p>Nothing here throws on bad input: every problem becomes one {@link ConfigProblem} line, and the key
 * falls back to its default.
 */
public final class ConfigLoader {

  static final String CONFIG_ENV = "CHATLENS_CONFIG";

  private final Map<String, String> environment;
  private final Properties systemProperties;
  private final Path workingDirectory;
  private final Placeholders placeholders;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Map<String, ConfigValue> raw = new LinkedHashMap<>();

  private ConfigLoader(Map<String, String> environment, Properties systemProperties, Path workingDirectory) {
    this.environment = environment;
    this.systemProperties = systemProperties;
    this.workingDirectory = workingDirectory;
    this.placeholders = new Placeholders(environment, systemProperties);
  }

  /** The configuration of this JVM. */
  public static AgentConfig load(String agentOptions) {
    return load(agentOptions, System.getenv(), System.getProperties(), Path.of("").toAbsolutePath());
  }

  public static AgentConfig load(String agentOptions, Map<String, String> environment, Properties systemProperties,
      Path workingDirectory) {
    return new ConfigLoader(environment, systemProperties, workingDirectory).run(AgentOptions.parse(agentOptions), null);
  }

  /** The configuration that a JVM would get from this file alone, as {@code config --check FILE} shows it. */
  public static AgentConfig loadFile(Path file, Map<String, String> environment, Properties systemProperties) {
    return new ConfigLoader(environment, systemProperties, Path.of("").toAbsolutePath())
        .run(new LinkedHashMap<>(), file);
  }

  private AgentConfig run(Map<String, String> options, Path forcedFile) {
    Path file = forcedFile != null ? forcedFile : locateFile(options.get("config"));
    if (file != null) {
      readFile(file);
    }
    for (Map.Entry<String, String> option : options.entrySet()) {
      if (!option.getKey().equals("config")) {
        put(option.getKey(), option.getValue(), ConfigSource.AGENT_OPTIONS, "agent options", 0);
      }
    }
    if (forcedFile == null) {
      readEnvironment();
      readSystemProperties();
    }
    return new ConfigResolver(raw, problems).resolve(file);
  }

  private Path locateFile(String fromOptions) {
    String[][] candidates = {
        {systemProperties.getProperty("chatlens.config"), "system property -Dchatlens.config"},
        {fromOptions, "agent option config"},
        {environment.get(CONFIG_ENV), "environment variable " + CONFIG_ENV},
    };
    for (String[] candidate : candidates) {
      if (candidate[0] != null && !candidate[0].isBlank()) {
        Path path = workingDirectory.resolve(candidate[0].trim());
        if (!Files.isRegularFile(path)) {
          problems.add(ConfigProblem.error(path.toString(), 0, "", "",
              "configuration file not found (named by " + candidate[1] + "); using defaults"));
          return null;
        }
        return path;
      }
    }
    Path local = workingDirectory.resolve("agent.properties");
    return Files.isRegularFile(local) ? local : null;
  }

  private void readFile(Path file) {
    PropertiesFileReader.Result result;
    try {
      result = PropertiesFileReader.read(file);
    } catch (ConfigFileText.TooLargeException tooLarge) {
      problems.add(ConfigProblem.error(file.toString(), 0, "", "", tooLarge.getMessage() + "; using defaults"));
      return;
    } catch (IOException | RuntimeException unreadable) {
      problems.add(ConfigProblem.error(file.toString(), 0, "", "",
          "cannot read the configuration file (" + unreadable.getMessage() + "); using defaults"));
      return;
    }
    problems.addAll(result.problems());
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (PropertiesFileReader.Entry entry : result.entries()) {
      Integer earlier = seen.put(entry.key(), entry.line());
      if (earlier != null) {
        problems.add(ConfigProblem.warn(file.toString(), entry.line(), entry.key(),
            SecretMasker.maskByKey(entry.key(), entry.value()),
            "overrides the same key on line " + earlier));
      }
      put(entry.key(), entry.value(), ConfigSource.FILE, file.toString(), entry.line());
    }
  }

  private void readEnvironment() {
    Set<String> chatlensVariables = new TreeSet<>();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      chatlensVariables.add(key.environmentVariable());
    }
    for (Map.Entry<String, String> variable : new java.util.TreeMap<>(environment).entrySet()) {
      String name = variable.getKey();
      if (name.startsWith("CHATLENS_")) {
        if (chatlensVariables.contains(name)) {
          ConfigKey<?> key = keyForVariable(name);
          put(key.name(), variable.getValue(), ConfigSource.ENVIRONMENT, name, 0);
        } else {
          String closest = ClosestKey.among(name, chatlensVariables);
          problems.add(ConfigProblem.warn("environment variable " + name, 0, "", "",
              "unknown ChatLens variable; did you mean " + closest + "?"));
        }
      } else if (name.startsWith("OTEL_")) {
        put(ConfigNames.fromEnvironmentVariable(name), variable.getValue(), ConfigSource.ENVIRONMENT, name, 0);
      }
    }
  }

  private void readSystemProperties() {
    for (String name : new TreeSet<>(systemProperties.stringPropertyNames())) {
      if (name.startsWith("chatlens.") || name.startsWith("otel.")) {
        put(name, systemProperties.getProperty(name), ConfigSource.SYSTEM_PROPERTY, name, 0);
      }
    }
  }

  private static ConfigKey<?> keyForVariable(String variable) {
    for (ConfigKey<?> key : ConfigKeys.all()) {
      if (key.environmentVariable().equals(variable)) {
        return key;
      }
    }
    throw new IllegalStateException(variable);
  }

  private void put(String key, String value, ConfigSource source, String origin, int line) {
    String name = canonical(key);
    boolean placeholder = Placeholders.contains(value);
    String resolved = value;
    if (placeholder) {
      try {
        resolved = placeholders.resolve(value);
      } catch (IllegalArgumentException missing) {
        problems.add(ConfigProblem.error(originLabel(source, origin), line, name, value,
            missing.getMessage() + "; the key keeps its earlier value or default"));
        return;
      }
    }
    raw.put(name, new ConfigValue(name, resolved, source, origin, line, placeholder));
  }

  private static String canonical(String key) {
    String trimmed = key.trim();
    ConfigKey<?> known = ConfigKeys.byName(trimmed);
    if (known != null) {
      return known.name();
    }
    return trimmed.startsWith("otel.") || trimmed.startsWith("OTEL") ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
  }

  static String originLabel(ConfigSource source, String origin) {
    return switch (source) {
      case FILE -> origin;
      case ENVIRONMENT -> "environment variable " + origin;
      case SYSTEM_PROPERTY -> "system property -D" + origin;
      case AGENT_OPTIONS -> "agent options";
      case DEFAULT -> "default";
    };
  }
}
