package com.example.chatbot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Acme Cloud demo chatbot: an FAQ assistant backed by a database, run either by simulated users (script mode)
 * or interactively (REPL mode). Prints one {@link RunSummary} line at the end and exits with 0; a usage error exits
 * with 2 and a failure of the run with 1. See {@link AppOptions#USAGE} for the options.
 */
public final class ChatbotApp {

  private static final Logger LOG = LoggerFactory.getLogger(ChatbotApp.class);

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * Creates the application with its surroundings.
   *
   * @param out     where replies, the transcript and the summary go
   * @param err     where usage errors go
   * @param in      the REPL input
   * @param clock   the time source of sessions
   * @param sleeper how to wait between turns and for idle sessions to expire
   */
  public ChatbotApp(PrintStream out, PrintStream err, InputStream in, Clock clock, Sleeper sleeper) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Runs the chatbot with the system streams and clock; exits with a non-zero code on failure. */
  public static void main(String[] args) throws InterruptedException {
    // --linger DURATION: after the run, the JVM (and an attached agent's endpoint and live page) stays up that long
    java.time.Duration linger = java.time.Duration.ZERO;
    java.util.List<String> rest = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--linger") && i + 1 < args.length) {
        linger = Durations.parse(args[++i]);
      } else if (args[i].startsWith("--linger=")) {
        linger = Durations.parse(args[i].substring("--linger=".length()));
      } else {
        rest.add(args[i]);
      }
    }
    int exitCode = new ChatbotApp(System.out, System.err, System.in, Clock.systemUTC(), Sleeper.system())
        .run(rest.toArray(String[]::new));
    if (exitCode != 0) {
      System.exit(exitCode);
    }
    if (!linger.isZero() && !linger.isNegative()) {
      System.out.println("Done. Staying up for " + linger.toSeconds() + " s" + " (Ctrl-C ends it): with the agent, "
          + "the live page is at http://127.0.0.1:9464/ and the metrics at http://127.0.0.1:9464/metrics");
      System.out.flush();
      Thread.sleep(linger.toMillis());
    }
  }

  /** Runs the chatbot and returns the exit code: 0 on success, 1 when the run failed, 2 for bad arguments. */
  public int run(String... args) {
    AppOptions options;
    try {
      options = AppOptions.parse(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println(AppOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.println(AppOptions.USAGE);
      return 0;
    }
    return run(options);
  }

  /** Runs the chatbot with parsed options and returns the exit code: 0 on success, 1 when the run failed. */
  public int run(AppOptions options) {
    LOG.info("Starting the Acme Cloud chatbot: {}", options);
    try (DatabaseManager databaseManager =
        new DatabaseManager(options.jdbcUrl(), options.dbUser(), options.dbPassword())) {
      databaseManager.initialize();
      SessionManager sessionManager = new SessionManager(options.idleTimeout(), clock);
      ChatService chatService = new ChatService(sessionManager, new CommandParser(),
          new SearchEngine(databaseManager), databaseManager, new ErrorHandler());
      RunSummary summary = options.mode() == RunMode.REPL
          ? new ReplRunner(chatService, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out)
              .run()
          : runScript(options, chatService, sessionManager);
      LOG.info("Chatbot finished");
      out.println(summary.toLine());
      out.flush();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.error("Chatbot interrupted", e);
      return 1;
    } catch (IOException | RuntimeException e) {
      LOG.error("Chatbot failed", e);
      err.println("error: " + e);
      return 1;
    }
  }

  private RunSummary runScript(AppOptions options, ChatService chatService, SessionManager sessionManager)
      throws InterruptedException {
    ConversationScript script =
        ConversationScript.generate(options.seed(), options.users(), options.turns(), options.piiMessages());
    Transcript transcript = options.quiet() ? Transcript.silent() : Transcript.printingTo(out);
    ScriptRunner runner = new ScriptRunner(chatService, sessionManager, transcript, clock, sleeper,
        options.threads(), options.idleTimeout(), options.thinkTime());
    return runner.run(script);
  }
}
