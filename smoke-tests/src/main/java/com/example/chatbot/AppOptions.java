package com.example.chatbot;

import java.time.Duration;
import java.util.Locale;

/**
 * The command-line options of {@link ChatbotApp}. Values follow their option as the next argument or after an
 * equals sign: {@code --users 5} or {@code --users=5}.
 *
 * @param mode        {@code --mode script|repl}, default script
 * @param users       {@code --users N}, default 5
 * @param turns       {@code --turns N} per user, default 10
 * @param threads     {@code --threads N}, default 2
 * @param seed        {@code --seed N}, default 42
 * @param idleTimeout {@code --idle-timeout DURATION}, default 30s
 * @param thinkTime   {@code --think-ms N}, the pause between two turns of a user, default 0
 * @param piiMessages {@code --pii-messages}: one user also sends sensitive data
 * @param quiet       {@code --quiet}: no per-turn output
 * @param jdbcUrl     {@code --jdbc-url URL}, default {@value #DEFAULT_JDBC_URL}
 * @param dbUser      {@code --db-user NAME}, default {@code sa}
 * @param dbPassword  {@code --db-password SECRET}, default empty
 * @param help        {@code --help}: print the usage and exit
 */
public record AppOptions(RunMode mode, int users, int turns, int threads, long seed, Duration idleTimeout,
    Duration thinkTime, boolean piiMessages, boolean quiet, String jdbcUrl, String dbUser, String dbPassword,
    boolean help) {

  /** The default database: an in-memory H2 database that lives as long as the JVM. */
  public static final String DEFAULT_JDBC_URL = "jdbc:h2:mem:chatbot;DB_CLOSE_DELAY=-1";

  /** The text printed for {@code --help} and after a usage error. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -jar chatbot-demo.jar [options]",
      "  --mode script|repl        script: simulated users (default); repl: type messages on stdin",
      "  --users N                 simulated users (default 5)",
      "  --turns N                 messages per user (default 10)",
      "  --threads N               worker threads (default 2)",
      "  --seed N                  random seed of the script (default 42)",
      "  --idle-timeout DURATION   session idle timeout, e.g. 500ms, 30s, 5m (default 30s)",
      "  --think-ms N              pause between two messages of a user (default 0)",
      "  --pii-messages            one user also sends passwords, tokens, e-mail and card numbers",
      "  --quiet                   no per-message output",
      "  --linger DURATION         stay up that long after the run, e.g. 30s, 5m (default 0)",
      "  --jdbc-url URL            database (default " + DEFAULT_JDBC_URL + ")",
      "  --db-user NAME            database user (default sa)",
      "  --db-password SECRET      database password (default empty)",
      "  --help                    show this text");

  /** The options when no argument is given. */
  public static AppOptions defaults() {
    return new AppOptions(RunMode.SCRIPT, 5, 10, 2, 42L, Duration.ofSeconds(30), Duration.ZERO, false, false,
        DEFAULT_JDBC_URL, "sa", "", false);
  }

  /**
   * Parses the command line.
   *
   * @throws UsageException for an unknown option, a missing value or a value out of range
   */
  public static AppOptions parse(String... args) {
    AppOptions defaults = defaults();
    RunMode mode = defaults.mode();
    int users = defaults.users();
    int turns = defaults.turns();
    int threads = defaults.threads();
    long seed = defaults.seed();
    Duration idleTimeout = defaults.idleTimeout();
    Duration thinkTime = defaults.thinkTime();
    boolean piiMessages = false;
    boolean quiet = false;
    boolean help = false;
    String jdbcUrl = defaults.jdbcUrl();
    String dbUser = defaults.dbUser();
    String dbPassword = defaults.dbPassword();

    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      String inlineValue = equals > 0 ? arg.substring(equals + 1) : null;
      switch (name) {
        case "--pii-messages":
          piiMessages = true;
          continue;
        case "--quiet":
          quiet = true;
          continue;
        case "--help":
        case "-h":
          help = true;
          continue;
        default:
          break;
      }
      String value;
      if (inlineValue != null) {
        value = inlineValue;
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("missing value for " + name);
      }
      switch (name) {
        case "--mode":
          mode = mode(value);
          break;
        case "--users":
          users = atLeast(name, value, 1);
          break;
        case "--turns":
          turns = atLeast(name, value, 1);
          break;
        case "--threads":
          threads = atLeast(name, value, 1);
          break;
        case "--seed":
          seed = number(name, value);
          break;
        case "--idle-timeout":
          idleTimeout = Durations.parse(value);
          if (idleTimeout.isZero() || idleTimeout.isNegative()) {
            throw new UsageException("--idle-timeout must be positive: " + value);
          }
          break;
        case "--think-ms":
          thinkTime = Duration.ofMillis(atLeast(name, value, 0));
          break;
        case "--jdbc-url":
          jdbcUrl = value;
          break;
        case "--db-user":
          dbUser = value;
          break;
        case "--db-password":
          dbPassword = value;
          break;
        default:
          throw new UsageException("unknown option " + name);
      }
    }
    return new AppOptions(mode, users, turns, threads, seed, idleTimeout, thinkTime, piiMessages, quiet, jdbcUrl,
        dbUser, dbPassword, help);
  }

  private static RunMode mode(String value) {
    try {
      return RunMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--mode must be script or repl, not '" + value + "'");
    }
  }

  private static int atLeast(String name, String value, int minimum) {
    long number = number(name, value);
    if (number < minimum || number > Integer.MAX_VALUE) {
      throw new UsageException(name + " must be at least " + minimum + ": " + value);
    }
    return (int) number;
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a number, not '" + value + "'");
    }
  }

  /** Hides the database password. */
  @Override
  public String toString() {
    return "AppOptions[mode=" + mode + ", users=" + users + ", turns=" + turns + ", threads=" + threads + ", seed="
        + seed + ", idleTimeout=" + idleTimeout + ", thinkTime=" + thinkTime + ", piiMessages=" + piiMessages
        + ", quiet=" + quiet + ", jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + ", dbPassword=****, help=" + help + "]";
  }
}
