package io.chatlens.agent.cli;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKey;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.agent.config.ConfigProblem;
import io.chatlens.agent.config.OtelKeys;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code config --print [FILE]}, {@code config --check FILE} and {@code config --keys}. */
final class ConfigCommand {

  private ConfigCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: config --print [FILE] | --check FILE | --keys");
      return 2;
    }
    switch (args[0]) {
      case "--print" -> {
        return print(args.length > 1 ? args[1] : null, out, err);
      }
      case "--check" -> {
        if (args.length < 2) {
          err.println("usage: config --check FILE");
          return 2;
        }
        return check(Path.of(args[1]), out, err);
      }
      case "--keys" -> {
        keys(out);
        return 0;
      }
      default -> {
        err.println("chatlens: unknown option '" + args[0] + "'; expected --print, --check or --keys");
        return 2;
      }
    }
  }

  private static int print(String file, PrintStream out, PrintStream err) {
    if (file != null && !Files.isRegularFile(Path.of(file))) {
      err.println("chatlens: " + file + ": no such file");
      return 2;
    }
    AgentConfig config = ConfigLoader.load(file == null ? null : "config=" + file);
    out.println("# effective ChatLens configuration");
    out.println("# file: " + (config.file() == null ? "(none: defaults, environment and system properties only)" : config.file()));
    int width = 0;
    for (AgentConfig.Entry entry : config.entries()) {
      width = Math.max(width, entry.key().length() + 1 + entry.value().length());
    }
    for (AgentConfig.Entry entry : config.entries()) {
      String pair = entry.key() + "=" + entry.value();
      out.println(pair + " ".repeat(Math.max(1, width - pair.length() + 2)) + "# " + entry.origin());
    }
    for (ConfigProblem problem : config.problems()) {
      err.println(problem.render());
    }
    return config.hasErrors() ? 1 : 0;
  }

  private static int check(Path file, PrintStream out, PrintStream err) {
    if (!Files.isRegularFile(file)) {
      err.println("ERROR " + file + ": no such file");
      return 1;
    }
    AgentConfig config = ConfigLoader.loadFile(file, System.getenv(), new java.util.Properties());
    for (ConfigProblem problem : config.problems()) {
      (problem.isError() ? err : out).println(problem.render());
    }
    long errors = config.errorCount();
    long warnings = config.problems().size() - errors;
    if (errors > 0) {
      err.println(file + ": " + errors + " error(s), " + warnings + " warning(s)");
      return 1;
    }
    out.println(file + ": OK" + (warnings > 0 ? " (" + warnings + " warning(s))" : ""));
    return 0;
  }

  /** The Markdown reference used in the README. */
  static void keys(PrintStream out) {
    List<ConfigKey<?>> keys = new ArrayList<>(ConfigKeys.all());
    String section = null;
    for (ConfigKey<?> key : keys) {
      if (!key.section().equals(section)) {
        section = key.section();
        out.println();
        out.println("#### " + section);
        out.println();
        out.println("| Key | Default | Meaning |");
        out.println("|---|---|---|");
      }
      out.println(row(key));
    }
    out.println();
    out.println("#### OpenTelemetry (standard keys, passed to the SDK autoconfigure module)");
    out.println();
    out.println("| Key | Default | Meaning |");
    out.println("|---|---|---|");
    for (ConfigKey<?> key : OtelKeys.known().values()) {
      out.println(row(key));
    }
  }

  private static String row(ConfigKey<?> key) {
    String fallback = key.defaultValue().isEmpty() ? "(not set)" : "`" + key.defaultValue().replace("|", "\\|") + "`";
    return "| `" + key.name() + "` | " + fallback + " | " + key.description().replace("|", "\\|")
        + " Allowed: " + key.type().allowed().replace("|", "\\|") + ". |";
  }
}
