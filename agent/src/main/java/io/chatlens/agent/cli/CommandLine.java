package io.chatlens.agent.cli;

import io.chatlens.agent.AgentVersion;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar chatlens-agent.jar <command>}. {@code attach} is handled before this class loads,
 * by the JDK-only entry point.
 */
public final class CommandLine {

  private CommandLine() {}

  /** Runs a command and returns the process exit status. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      usage(out);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "version", "--version" -> {
        out.println("ChatLens " + AgentVersion.get());
        return 0;
      }
      case "config" -> {
        return ConfigCommand.run(rest, out, err);
      }
      case "rules" -> {
        return RulesCommand.run(rest, out, err);
      }
      case "report" -> {
        return ReportCommand.run(rest, out, err);
      }
      case "alerts" -> {
        return AlertsCommand.run(rest, out, err);
      }
      default -> {
        err.println("chatlens: unknown command '" + args[0] + "'");
        usage(err);
        return 2;
      }
    }
  }

  private static void usage(PrintStream out) {
    out.println("ChatLens " + AgentVersion.get() + ": zero-code observability for JVM chatbots");
    out.println();
    out.println("Attach at startup:  java -javaagent:chatlens-agent.jar[=config=agent.properties] -jar your-chatbot.jar");
    out.println();
    out.println("Commands (java -jar chatlens-agent.jar <command>):");
    out.println("  attach <pid> [options]     load the agent into a running JVM (options as for -javaagent)");
    out.println("  attach --list              list the JVMs that can be attached to");
    out.println("  config --print [FILE]      print the effective configuration and where each value came from");
    out.println("  config --check FILE        validate a configuration file; exit status 1 on errors");
    out.println("  config --keys              print the configuration reference as a Markdown table");
    out.println("  rules export [FILE]        print alert rules (default: the built-in ones) as Prometheus rules; --out OUT writes them,");
    out.println("                             --runbook-base URL makes relative runbook_url links absolute");
    out.println("  rules check FILE           validate an alerts.yaml; exit status 1 on errors");
    out.println("  alerts test [FILE]         send a test notification through every configured alert channel (the log,");
    out.println("                             webhook or Slack, e-mail); prints each answer; exit status 1 if one failed");
    out.println("  report [LOG_DIR] [options] report on the structured logs (default ./logs): --since 7d, --out FILE,");
    out.println("                             --format html|text|json (default text, or --out's extension), --progress");
    out.println("  version                    print the agent version");
  }
}
