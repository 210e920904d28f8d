package io.chatlens.agent.cli;

import io.chatlens.agent.config.ValueType;
import io.chatlens.agent.report.OfflineReport;
import io.chatlens.agent.report.Renderers;
import io.chatlens.agent.report.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code report [LOG_DIR] [--since 7d] [--out FILE] [--format html|text|json] [--progress]}: the offline report of
 * the structured logs.
 */
final class ReportCommand {

  static final String USAGE = "usage: report [LOG_DIR] [--since 7d] [--out report.html] [--format html|text|json] "
      + "[--progress]";

  private ReportCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    String dir = null;
    Duration since = null;
    String target = null;
    String format = null;
    boolean forceProgress = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--since" -> {
          if (i + 1 >= args.length) {
            err.println(USAGE);
            return 2;
          }
          try {
            since = ValueType.positiveDuration().parse(args[++i]);
          } catch (RuntimeException invalid) {
            err.println("chatlens: --since " + args[i] + ": expected a duration such as 24h or 7d");
            return 2;
          }
        }
        case "--out" -> {
          if (i + 1 >= args.length) {
            err.println(USAGE);
            return 2;
          }
          target = args[++i];
        }
        case "--format" -> {
          if (i + 1 >= args.length) {
            err.println(USAGE);
            return 2;
          }
          format = args[++i].toLowerCase(Locale.ROOT);
          if (!format.equals("html") && !format.equals("text") && !format.equals("json")) {
            err.println("chatlens: --format " + args[i] + ": expected html, text or json");
            return 2;
          }
        }
        case "--progress" -> forceProgress = true;
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        default -> {
          if (arg.startsWith("--") || dir != null) {
            err.println("chatlens: unexpected argument '" + arg + "'");
            err.println(USAGE);
            return 2;
          }
          dir = arg;
        }
      }
    }
    if (format == null) {
      format = target == null ? "text" : target.endsWith(".html") || target.endsWith(".htm") ? "html"
          : target.endsWith(".json") ? "json" : "text";
    }
    Path logDir = Path.of(dir == null ? "logs" : dir);
    try {
      OfflineReport.Result result = OfflineReport.analyse(new OfflineReport.Options(logDir, since, null,
          err, forceProgress || System.console() != null));
      Object unreadable = result.report().about().get("unreadableFiles");
      if (unreadable != null && !"none".equals(unreadable)) {
        err.println("chatlens: WARN some log files could not be read to their end (their lines before that are "
            + "counted): " + unreadable);
      }
      String rendered = render(result.report(), format);
      if (target == null) {
        out.print(rendered);
        out.flush();
      } else {
        Path file = Path.of(target);
        if (file.toAbsolutePath().getParent() != null) {
          Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, rendered, StandardCharsets.UTF_8);
        err.println("chatlens: report of " + result.report().summary().get("turns") + " turns written to " + file);
      }
      return 0;
    } catch (IOException | RuntimeException failure) {
      err.println("chatlens: cannot read the logs in " + logDir + ": " + failure.getMessage());
      return 1;
    }
  }

  static String render(Report report, String format) {
    return switch (format) {
      case "html" -> Renderers.html(report);
      case "json" -> Renderers.json(report);
      default -> Renderers.text(report);
    };
  }
}
