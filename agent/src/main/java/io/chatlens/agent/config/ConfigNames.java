package io.chatlens.agent.config;

import java.util.Locale;

/** How key names map to environment variables, as in OpenTelemetry. */
public final class ConfigNames {

  private ConfigNames() {}

  /** {@code chatlens.foo.bar-baz} becomes {@code CHATLENS_FOO_BAR_BAZ}. */
  public static String toEnvironmentVariable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** {@code OTEL_EXPORTER_OTLP_ENDPOINT} becomes {@code otel.exporter.otlp.endpoint}. */
  public static String fromEnvironmentVariable(String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The form used to compare names: lower case, with '-' and '_' read as '.'. */
  public static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replace('-', '.').replace('_', '.');
  }
}
