package io.chatlens.agent.config;

/** Where a configuration value came from, highest precedence first. */
public enum ConfigSource {
  SYSTEM_PROPERTY("system property"),
  ENVIRONMENT("environment variable"),
  AGENT_OPTIONS("agent options"),
  FILE("file"),
  DEFAULT("default");

  private final String label;

  ConfigSource(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
