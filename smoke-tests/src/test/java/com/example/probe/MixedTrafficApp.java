package com.example.probe;

import com.example.chatbot.AppOptions;
import com.example.chatbot.ChatService;
import com.example.chatbot.CommandParser;
import com.example.chatbot.DatabaseManager;
import com.example.chatbot.ErrorHandler;
import com.example.chatbot.SearchEngine;
import com.example.chatbot.SessionManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo chatbot's own classes under a traffic mix with known proportions, for the live page's browser test:
 * {@value #IDLE_SESSIONS} sessions are opened and left open, then {@code threads} workers play {@link #CONVERSATION}
 * again and again, each time in a new session that its {@code /quit} ends, until the process is stopped. Of each
 * conversation's {@value #TURNS} turns, {@value #FAILING} fail ({@code /admin crash}: the database fails on purpose)
 * and one is invalid; of its {@value #SEARCHES} searches, {@value #ZERO_RESULT_SEARCHES} match nothing; of its
 * {@value #RATINGS} ratings, 3 say the answer was right. Prints {@code MIXED_TRAFFIC_STARTED} once the idle sessions
 * are open.
 *
 * <p>Usage: {@code MixedTrafficApp [threads] [think-ms]} (default 2 threads, 30 ms between turns).
 */
public final class MixedTrafficApp {

  static final int IDLE_SESSIONS = 4;
  static final int TURNS = 13;
  static final int FAILING = 2;
  static final int SEARCHES = 6;
  static final int ZERO_RESULT_SEARCHES = 3;
  static final int RATINGS = 4;

  /** Two queries that match no FAQ entry (none of their words is in the catalogue). */
  public static final List<String> ZERO_RESULT_QUERIES = List.of("xylophone quartz", "zebra nebula");

  /** One conversation: 13 turns, 6 searches (4 /search and 2 questions), the last turn ends the session. */
  public static final List<String> CONVERSATION = List.of(
      "/search reset password",
      "/search " + ZERO_RESULT_QUERIES.get(0),
      "/admin crash",
      "How do I export my data?",
      "/feedback 2 good",
      "/feedback 20 good",
      "/search " + ZERO_RESULT_QUERIES.get(1),
      "/feedback 17 good",
      "/feedback 5 bad",
      "/admin crash",
      "/search " + ZERO_RESULT_QUERIES.get(0),
      "/frobnicate",
      "/quit");

  private MixedTrafficApp() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    long thinkMillis = args.length > 1 ? Long.parseLong(args[1]) : 30;
    DatabaseManager database = new DatabaseManager(AppOptions.DEFAULT_JDBC_URL, "sa", "");
    database.initialize();
    SessionManager sessions = new SessionManager(Duration.ofMinutes(30), Clock.systemUTC());
    ChatService chat = new ChatService(sessions, new CommandParser(), new SearchEngine(database), database,
        new ErrorHandler());
    for (int i = 0; i < IDLE_SESSIONS; i++) {
      chat.openSession("idle-user-" + i);
    }
    System.out.println("MIXED_TRAFFIC_STARTED");
    AtomicLong conversations = new AtomicLong();
    for (int t = 0; t < threads; t++) {
      int worker = t;
      Thread thread = new Thread(() -> {
        while (true) {
          long n = conversations.incrementAndGet();
          String session = chat.openSession("user-" + worker + "-" + n);
          for (String message : CONVERSATION) {
            chat.handle(session, message);
            try {
              Thread.sleep(thinkMillis);
            } catch (InterruptedException stopped) {
              return;
            }
          }
        }
      }, "mixed-traffic-" + t);
      thread.start();
    }
  }
}
