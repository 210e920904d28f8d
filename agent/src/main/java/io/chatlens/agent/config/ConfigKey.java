package io.chatlens.agent.config;

/**
 * One documented ChatLens configuration key.
 *
 * @param <T> the type its value parses to
 */
public final class ConfigKey<T> {

  private final String name;
  private final ValueType<T> type;
  private final String defaultValue;
  private final String description;
  private final String section;
  private final boolean secret;

  ConfigKey(String section, String name, ValueType<T> type, String defaultValue, String description, boolean secret) {
    this.section = section;
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    this.secret = secret;
  }

  public String name() {
    return name;
  }

  public ValueType<T> type() {
    return type;
  }

  /** The default, as it would be written in agent.properties; empty means "not set". */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public String section() {
    return section;
  }

  /** Whether the value is masked when the configuration is printed. */
  public boolean secret() {
    return secret;
  }

  /** The environment variable that sets this key: {@code chatlens.log.max-file-size} is {@code CHATLENS_LOG_MAX_FILE_SIZE}. */
  public String environmentVariable() {
    return ConfigNames.toEnvironmentVariable(name);
  }

  /** Parses the default value. */
  T parsedDefault() {
    try {
      return type.parse(defaultValue);
    } catch (RuntimeException noValueMeansUnset) {
      return null;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
