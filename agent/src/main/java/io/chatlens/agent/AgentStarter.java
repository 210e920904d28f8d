package io.chatlens.agent;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.agent.config.ConfigProblem;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.install.ScopePlan;
import java.io.File;
import java.lang.instrument.Instrumentation;

/**
 * The first class loaded inside the isolated agent class loader. Reads and validates the configuration,
 * prints the banner and hands over to {@link AgentRuntime}. Never throws: a broken configuration means
 * defaults, or, with {@code chatlens.strict=true}, no agent; the application starts either way.
 */
public final class AgentStarter {

  private AgentStarter() {}

  /** Called reflectively by {@code io.chatlens.agent.boot.ChatLensAgent}. */
  public static void start(Instrumentation instrumentation, String options, boolean attached, File agentJar) {
    try {
      AgentConfig config;
      try {
        config = ConfigLoader.load(options);
      } catch (RuntimeException unexpected) {
        Diagnostics.error("cannot read the configuration (" + unexpected + "); using defaults");
        config = AgentConfig.defaults();
      }
      Diagnostics.setDebug(config.get(ConfigKeys.DEBUG));
      for (ConfigProblem problem : config.problems()) {
        if (problem.isError()) {
          Diagnostics.error(problem.render().substring("ERROR ".length()));
        } else {
          Diagnostics.warn(problem.render().substring("WARN ".length()));
        }
      }
      if (!config.get(ConfigKeys.ENABLED)) {
        Diagnostics.info("agent disabled by chatlens.enabled=false; nothing was installed");
        return;
      }
      if (config.get(ConfigKeys.STRICT) && config.hasErrors()) {
        Diagnostics.error("chatlens.strict=true and the configuration has " + config.errorCount()
            + " error(s): the agent does not start; the application continues without it");
        return;
      }
      ScopePlan plan = ScopePlan.from(config);
      if (config.get(ConfigKeys.BANNER)) {
        Diagnostics.banner(Banner.line(config, plan, attached));
      }
      new AgentRuntime(config, plan, instrumentation, attached).start();
    } catch (Throwable failure) {
      Diagnostics.error("the agent failed to start; the application continues without it: " + failure);
    }
  }
}
