package io.chatlens.agent;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.install.ScopePlan;
import java.util.ArrayList;
import java.util.List;

/** The one line printed at startup. */
final class Banner {

  private Banner() {}

  static String line(AgentConfig config, ScopePlan plan, boolean attached) {
    StringBuilder out = new StringBuilder("[chatlens] ChatLens ").append(AgentVersion.get())
        .append(attached ? " attached" : " started")
        .append(" | config ").append(config.file() == null ? "(none, defaults)" : config.file())
        .append(" | service ").append(config.serviceName())
        .append(" | exporters ").append(String.join(", ", exporters(config)))
        .append(" | scopes ").append(plan.summary().isEmpty() ? "(none)" : String.join(", ", plan.summary()));
    return out.toString();
  }

  static List<String> exporters(AgentConfig config) {
    List<String> exporters = new ArrayList<>();
    if ("true".equalsIgnoreCase(config.otel("otel.sdk.disabled"))) {
      exporters.add("OpenTelemetry SDK disabled");
      return exporters;
    }
    for (String signal : new String[] {"traces", "metrics", "logs"}) {
      String names = config.otel("otel." + signal + ".exporter");
      for (String exporter : (names == null ? "otlp" : names).split(",")) {
        String name = exporter.trim();
        if (name.equals("otlp")) {
          String protocol = first(config.otel("otel.exporter.otlp." + signal + ".protocol"),
              config.otel("otel.exporter.otlp.protocol"));
          String endpoint = otlpEndpoint(config, signal, protocol);
          exporters.add(signal + " otlp " + protocol + " " + endpoint);
        } else if (!name.equals("none")) {
          exporters.add(signal + " " + name);
        }
      }
    }
    if (config.get(ConfigKeys.PROMETHEUS_ENABLED)) {
      exporters.add("prometheus http://" + config.get(ConfigKeys.PROMETHEUS_HOST) + ":"
          + config.get(ConfigKeys.PROMETHEUS_PORT) + "/metrics");
    }
    return exporters;
  }

  /** The endpoints of the signals exported over OTLP. */
  static List<String> otlpEndpoints(AgentConfig config) {
    List<String> endpoints = new ArrayList<>();
    if ("true".equalsIgnoreCase(config.otel("otel.sdk.disabled"))) {
      return endpoints;
    }
    for (String signal : new String[] {"traces", "metrics", "logs"}) {
      String names = config.otel("otel." + signal + ".exporter");
      for (String exporter : (names == null ? "otlp" : names).split(",")) {
        if (exporter.trim().equals("otlp")) {
          String protocol = first(config.otel("otel.exporter.otlp." + signal + ".protocol"),
              config.otel("otel.exporter.otlp.protocol"));
          endpoints.add(otlpEndpoint(config, signal, protocol));
        }
      }
    }
    return endpoints;
  }

  static String otlpEndpoint(AgentConfig config, String signal, String protocol) {
    String specific = config.otel("otel.exporter.otlp." + signal + ".endpoint");
    if (specific != null) {
      return specific;
    }
    boolean grpc = "grpc".equals(protocol);
    String base = config.rawValue("otel.exporter.otlp.endpoint") != null || config.otelOverrides().containsKey("otel.exporter.otlp.endpoint")
        ? config.otel("otel.exporter.otlp.endpoint")
        : grpc ? "http://localhost:4317" : "http://localhost:4318";
    if (grpc) {
      return base;
    }
    return (base.endsWith("/") ? base : base + "/") + "v1/" + signal;
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }
}
