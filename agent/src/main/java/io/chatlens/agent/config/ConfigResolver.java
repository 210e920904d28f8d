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
          String shown = shown(value);
          // the parser's own words may quote the value: never when the value is masked
          String detail = invalid.getMessage() == null || invalid instanceof NumberFormatException
              || !shown.equals(value.value()) ? "" : " (" + invalid.getMessage() + ")";
          problems.add(ConfigProblem.error(label(value), value.line(), key.name(), shown,
              "is invalid" + detail + ": expected " + key.type().allowed() + "; using the default"
                  + (key.defaultValue().isEmpty() ? " (not set)" : " " + key.defaultValue())));
          raw.remove(key.name());
        }
      }
      typed.put(key.name(), parsed != null ? parsed : key.parsedDefault());
    }

    checkBreaker(typed);

    boolean strict = Boolean.TRUE.equals(typed.get(ConfigKeys.STRICT.name()));
    if (strict) {
      problems.replaceAll(problem -> problem.isError() ? problem : problem.asError());
    }
    return new AgentConfig(file, raw, typed, problems, otelOverrides);
  }

  /**
   * The circuit breaker's keys that are only valid together: a relief threshold must be lower than its stress
   * threshold (else the breaker could never recover), and the check interval at least 100ms. An inconsistent pair
   * falls back to both defaults.
   */
  private void checkBreaker(Map<String, Object> typed) {
    for (List<ConfigKey<Double>> pair : ConfigKeys.BREAKER_PAIRS) {
      ConfigKey<Double> stress = pair.get(0);
      ConfigKey<Double> relief = pair.get(1);
      double stressValue = (Double) typed.get(stress.name());
      double reliefValue = (Double) typed.get(relief.name());
      if (reliefValue < stressValue) {
        continue;
      }
      ConfigValue blamed = raw.get(relief.name()) != null ? raw.get(relief.name()) : raw.get(stress.name());
      ConfigKey<Double> blamedKey = raw.get(relief.name()) != null ? relief : stress;
      problems.add(ConfigProblem.error(label(blamed), blamed.line(), blamedKey.name(), shown(blamed),
          "is invalid: " + relief.name() + " (" + trim(reliefValue) + ") must be lower than " + stress.name() + " ("
              + trim(stressValue) + "), or the breaker could never recover; using the defaults "
              + stress.defaultValue() + " and " + relief.defaultValue()));
      raw.remove(stress.name());
      raw.remove(relief.name());
      typed.put(stress.name(), stress.parsedDefault());
      typed.put(relief.name(), relief.parsedDefault());
    }
    ConfigValue interval = raw.get(ConfigKeys.BREAKER_CHECK_INTERVAL.name());
    if (interval != null && ((java.time.Duration) typed.get(interval.key())).toMillis() < 100) {
      problems.add(ConfigProblem.error(label(interval), interval.line(), interval.key(), shown(interval),
          "is invalid: expected a duration of at least 100ms; using the default "
              + ConfigKeys.BREAKER_CHECK_INTERVAL.defaultValue()));
      raw.remove(interval.key());
      typed.put(interval.key(), ConfigKeys.BREAKER_CHECK_INTERVAL.parsedDefault());
    }
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
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

  private static String label(ConfigValue value) {
    return ConfigLoader.originLabel(value.source(), value.origin());
  }

  private static String shown(ConfigValue value) {
    return value.fromPlaceholder() ? SecretMasker.mask(value.key(), value.value(), true)
        : SecretMasker.maskByKey(value.key(), value.value());
  }
}
