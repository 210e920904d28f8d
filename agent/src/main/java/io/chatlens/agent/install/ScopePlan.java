package io.chatlens.agent.install;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKey;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.instrumentation.ComponentUnits;
import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.jdbc.JdbcScope;
import io.chatlens.instrumentation.logs.LogBridgeScope;
import io.chatlens.instrumentation.runtime.ExecutorScope;
import io.chatlens.instrumentation.matching.ComponentScope;
import io.chatlens.instrumentation.matching.MethodPattern;
import io.chatlens.instrumentation.weaving.WeavingScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Which scopes are active, from the configuration: for each component unit selected by patterns, the patterns
 * written under {@code chatlens.instrument.<component>}, else the unit's conventions (when auto-detect is on), plus
 * the built-in library instrumentations.
 */
public final class ScopePlan {

  private final List<WeavingScope> scopes;
  private final List<String> summary;

  private ScopePlan(List<WeavingScope> scopes, List<String> summary) {
    this.scopes = scopes;
    this.summary = summary;
  }

  public static ScopePlan from(AgentConfig config) {
    List<WeavingScope> scopes = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    boolean autoDetect = config.get(ConfigKeys.AUTO_DETECT);
    for (ComponentUnit unit : ComponentUnits.ALL) {
      if (!unit.selectedByPatterns()) {
        continue;
      }
      Component component = unit.component();
      ConfigKey<List<MethodPattern>> key = ConfigKeys.patterns(component);
      List<MethodPattern> patterns = config.get(key);
      if (patterns != null && !patterns.isEmpty()) {
        for (MethodPattern pattern : patterns) {
          scopes.add(new ComponentScope(component, pattern, key.name(), false, false, unit.roles()));
        }
        summary.add(component.key() + "=" + join(patterns));
      } else if (autoDetect) {
        List<MethodPattern> conventions = MethodPattern.parseAll(unit.conventions());
        for (MethodPattern pattern : conventions) {
          scopes.add(new ComponentScope(component, pattern, "convention " + pattern, true,
              unit.conventionsNameLibraryTypes(), unit.roles()));
        }
        summary.add(component.key() + "=" + join(conventions) + " (convention)");
      }
    }
    if (config.get(ConfigKeys.RUNTIME_METRICS)) {
      scopes.add(new ExecutorScope());
    }
    if (config.get(ConfigKeys.LOGS_BRIDGE) || config.get(ConfigKeys.LOGS_MDC)) {
      scopes.add(new LogBridgeScope(config.get(ConfigKeys.LOGS_BRIDGE), config.get(ConfigKeys.LOGS_MDC)));
      summary.add("app-logs");
    }
    if (config.get(ConfigKeys.JDBC)) {
      scopes.add(new JdbcScope());
      summary.add("jdbc");
    }
    return new ScopePlan(List.copyOf(scopes), List.copyOf(summary));
  }

  public List<WeavingScope> scopes() {
    return scopes;
  }

  /** For the banner, e.g. {@code session=com.acme.Sessions#open* (config), search=*SearchEngine#search* (convention)}. */
  public List<String> summary() {
    return summary;
  }

  private static String join(List<MethodPattern> patterns) {
    StringBuilder out = new StringBuilder();
    for (MethodPattern pattern : patterns) {
      if (out.length() > 0) {
        out.append(';');
      }
      out.append(pattern);
    }
    return out.toString();
  }
}
