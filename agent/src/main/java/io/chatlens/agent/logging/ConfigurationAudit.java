package io.chatlens.agent.logging;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigProblem;
import io.chatlens.instrumentation.core.ChatEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration in effect at startup, as audit events (configuration changes belong to the audit
 * log): one {@code [chatlens_agent] [start]} event naming the version, service and file, one
 * {@code [configure]} event per value that is not a default (secrets masked, with where it came from), and
 * one per configuration problem.
 */
public final class ConfigurationAudit {

  static final String MODULE = "chatlens_agent";

  private ConfigurationAudit() {}

  public static List<ChatEvent> startupEvents(AgentConfig config, String agentVersion, boolean attached,
      long epochMillis) {
    List<AgentConfig.Entry> set = new ArrayList<>();
    for (AgentConfig.Entry entry : config.entries()) {
      if (!entry.origin().startsWith("default")) {
        set.add(entry);
      }
    }
    List<ChatEvent> events = new ArrayList<>();
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("service", config.serviceName());
    summary.put("config_file", config.file() == null ? "none" : config.file().toString());
    summary.put("values_set", Integer.toString(set.size()));
    summary.put("problems", Integer.toString(config.problems().size()));
    events.add(new ChatEvent(epochMillis, ChatEvent.Level.INFO, MODULE, "start",
        "ChatLens " + agentVersion + (attached ? " attached" : " started"), summary, null, true));
    for (AgentConfig.Entry entry : set) {
      Map<String, String> context = new LinkedHashMap<>();
      context.put("setting", entry.key());
      context.put("value", entry.value());
      context.put("origin", entry.origin());
      events.add(new ChatEvent(epochMillis, ChatEvent.Level.INFO, MODULE, "configure", "Setting in effect", context,
          null, true));
    }
    for (ConfigProblem problem : config.problems()) {
      events.add(new ChatEvent(epochMillis, problem.isError() ? ChatEvent.Level.ERROR : ChatEvent.Level.WARN, MODULE,
          "configure", "Configuration problem", Map.of("problem", problem.render()), null, true));
    }
    return events;
  }
}
