package io.chatlens.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns raw values into typed ones, reporting each invalid or unknown key once. */
final class ConfigResolver {

  private final Map<String, ConfigValue> raw;
  private final List<ConfigProblem> problems;

  ConfigResolver(Map<String, ConfigValue> raw, List<ConfigProblem> problems) {
    this.raw = raw;
    this.problems = new ArrayList<>(problems);
  }

  AgentConfig resolve(Path file) {
    Map<String, Object> typed = new LinkedHashMap<>();
    Map<String, String> otelOverrides = new LinkedHashMap<>();
    List<String> chatlensNames = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.all()) {
      chatlensNames.add(key.name());
    }

    for (ConfigValue value : raw.values()) {
      String name = value.key();
      if (name.startsWith("chatlens.")) {
        if (ConfigKeys.byName(name) == null) {
          problems.add(ConfigProblem.warn(label(value), value.line(), name, shown(value),
              "unknown key; did you mean " + ClosestKey.among(name, chatlensNames) + "?"));
        }
      } else if (name.startsWith("otel.")) {
        ConfigKey<?> known = OtelKeys.known().get(name);
        if (known == null) {
          String closest = ClosestKey.among(name, OtelKeys.known().keySet());
          if (closest != null && ClosestKey.distance(name, closest) <= 2) {
            problems.add(ConfigProblem.warn(label(value), value.line(), name, shown(value),
                "not a known OpenTelemetry key; did you mean " + closest + "?"));
          }
        } else if (!isValid(known, value.value())) {
          String fallback = fallbackFor(known);
          problems.add(ConfigProblem.error(label(value), value.line(), name, shown(value),
              "is invalid: expected " + known.type().allowed() + "; using "
                  + (fallback.isEmpty() ? "the OpenTelemetry default" : "the default " + fallback)));
          otelOverrides.put(name, fallback);
        }
      } else if (value.source() == ConfigSource.FILE || value.source() == ConfigSource.AGENT_OPTIONS) {
        problems.add(ConfigProblem.warn(label(value), value.line(), name, shown(value),
            "ignored: neither a chatlens.* nor an otel.* key"));
      }
    }

    for (ConfigKey<?> key : ConfigKeys.all()) {
      ConfigValue value = raw.get(key.name());
      Object parsed = null;
      if (value != null) {
        try {
          parsed = key.type().parse(value.value());
        } catch (RuntimeException invalid) {
          String detail = invalid.getMessage() == null || invalid instanceof NumberFormatException ? ""
              : " (" + withoutValue(invalid.getMessage(), value) + ")";
          problems.add(ConfigProblem.error(label(value), value.line(), key.name(), shown(value),
              "is invalid" + detail + ": expected " + key.type().allowed() + "; using the default"
                  + (key.defaultValue().isEmpty() ? " (not set)" : " " + key.defaultValue())));
          raw.remove(key.name());
        }
      }
      typed.put(key.name(), parsed != null ? parsed : key.parsedDefault());
    }

    boolean strict = Boolean.TRUE.equals(typed.get(ConfigKeys.STRICT.name()));
    if (strict) {
      problems.replaceAll(problem -> problem.isError() ? problem : problem.asError());
    }
    return new AgentConfig(file, raw, typed, problems, otelOverrides);
  }

  private static boolean isValid(ConfigKey<?> key, String value) {
    try {
      key.type().parse(value);
      return true;
    } catch (RuntimeException invalid) {
      return false;
    }
  }

  private String fallbackFor(ConfigKey<?> key) {
    if (key.name().endsWith(".endpoint") && !key.defaultValue().isEmpty()) {
      ConfigValue protocol = raw.get("otel.exporter.otlp.protocol");
      return protocol != null && protocol.value().trim().equalsIgnoreCase("grpc")
          ? "http://localhost:4317" : key.defaultValue();
    }
    return key.defaultValue();
  }

  /**
   * A parser's message with the offending value masked out: messages such as the URI parser's repeat the whole
   * value, and a secret value (a webhook URL with its token, a DSN) must not be echoed.
   */
  private static String withoutValue(String message, ConfigValue value) {
    String raw = value.value();
    String shown = shown(value);
    if (raw == null || raw.isBlank() || shown.equals(raw)) {
      return message;
    }
    return message.replace(raw, shown).replace(raw.trim(), shown);
  }

  private static String label(ConfigValue value) {
    return ConfigLoader.originLabel(value.source(), value.origin());
  }

  private static String shown(ConfigValue value) {
    ConfigKey<?> key = ConfigKeys.byName(value.key());
    if (key == null) {
      key = OtelKeys.known().get(value.key());
    }
    return SecretMasker.mask(value.key(), value.value(), value.fromPlaceholder() || (key != null && key.secret()));
  }
}
