package com.example.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The scenarios, shared by {@link NoAgent} and {@link WithAgent}: the same code, measured once in a JVM
 * without the agent and once in a JVM started with {@code -javaagent}. The subclasses differ only in their
 * {@code @Fork} JVM arguments, so {@code WithAgent.x - NoAgent.x} is the cost the agent adds to scenario x.
 *
 * <ul>
 *   <li>{@code turn}, {@code parser}, {@code search}: one instrumented call (span + metrics + log event).
 *   <li>{@code nested}: a turn that calls the parser and the search engine: three instrumented calls, one
 *       trace.
 *   <li>{@code turnPaced}, {@code nestedPaced}: the same calls after {@value #PACE_TOKENS} tokens of
 *       {@link Blackhole#consumeCPU}, so the agent's log writer keeps up and every log event is built, queued
 *       and written. Flat out (the scenarios above) the application makes far more calls per second than one
 *       writer thread can write lines, so most INFO events are refused before they are built; the paced
 *       scenarios measure the cost of a call whose event is kept, the normal case for a chatbot. Their JMH time
 *       is mostly the pacing (and its histogram is coarse at ~100 µs), so they also time the call alone with
 *       {@link System#nanoTime()} in measurement iterations ({@link CallTimes}); {@code run.sh} reports those.
 *   <li>{@code plain*}: the same bodies in classes that match no convention. With the agent they show that
 *       classes the agent does not select cost nothing.
 * </ul>
 *
 * <p>Arguments come from non-final state fields and every result is returned (JMH sinks it into a
 * Blackhole), so nothing can be constant-folded or eliminated.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Threads(1)
public abstract class Overhead {

  /** JVM arguments of both fork configurations: a fixed heap, so neither side gets a different one. */
  static final String HEAP_MIN = "-Xms1g";
  static final String HEAP_MAX = "-Xmx1g";

  /** Work before each paced call: about 10-20 µs, so at most ~100 000 calls per second. */
  static final long PACE_TOKENS = 50_000;

  /** Paced calls made in this trial (warm-up included), to compare with the lines the agent wrote. */
  long pacedCalls;

  /** Times of the paced calls alone, measurement iterations only. */
  final CallTimes callTimes = new CallTimes();
  boolean measuring;

  String sessionId = "session-42";
  String message = "/search reset password";
  String query = "reset password";

  BenchChatService chat;
  BenchCommandParser parser;
  BenchSearchEngine engine;

  PlainChatTwin plainChat;
  PlainParserTwin plainParser;
  PlainSearchTwin plainEngine;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    // With the agent, loading the first woven class waits until the agent is initialised.
    parser = new BenchCommandParser();
    engine = new BenchSearchEngine();
    chat = new BenchChatService(parser, engine);
    plainParser = new PlainParserTwin();
    plainEngine = new PlainSearchTwin();
    plainChat = new PlainChatTwin(plainParser, plainEngine);
    checkEnvironment();
  }

  java.sql.Connection connection;
  java.sql.PreparedStatement prepared;
  java.sql.Statement statement;
  int rowId = 1;

  @Setup(Level.Trial)
  public void openDatabase() throws Exception {
    connection = java.sql.DriverManager.getConnection("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    try (java.sql.Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE IF NOT EXISTS faq (id INT PRIMARY KEY, question VARCHAR(200))");
      ddl.execute("MERGE INTO faq KEY (id) VALUES (1, 'How do I reset my password?')");
    }
    prepared = connection.prepareStatement("SELECT question FROM faq WHERE id = ?");
    statement = connection.createStatement();
  }

  @Setup(Level.Iteration)
  public void startIteration(IterationParams iteration) {
    measuring = iteration.getType() == IterationType.MEASUREMENT;
  }

  @TearDown(Level.Trial)
  public void tearDown(BenchmarkParams benchmark) throws Exception {
    if (callTimes.count() > 0) {
      System.out.println(callTimes.report(benchmark.getBenchmark(), benchmark.getMode().shortLabel()));
    }
    prepared.close();
    statement.close();
    connection.close();
    afterTrial();
  }

  /** One JDBC span: a prepared query on H2 in memory (with the agent: span + db.client.operation.duration). */
  @Benchmark
  public String jdbcPrepared() throws java.sql.SQLException {
    prepared.setInt(1, rowId);
    try (java.sql.ResultSet rows = prepared.executeQuery()) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** One JDBC span for a plain statement with a literal, so the agent also sanitizes (cached) the SQL. */
  @Benchmark
  public String jdbcStatement() throws java.sql.SQLException {
    try (java.sql.ResultSet rows = statement.executeQuery("SELECT question FROM faq WHERE id = 1")) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** Fails the trial when the JVM is not the one this class claims to measure. */
  abstract void checkEnvironment() throws Exception;

  /** Reports and cleans up after the trial. */
  void afterTrial() throws Exception {}

  // --- instrumented by convention ------------------------------------------------------------------

  @Benchmark
  public String turn() {
    return chat.handle(sessionId, message);
  }

  @Benchmark
  public BenchCommand parser() {
    return parser.parse(message);
  }

  @Benchmark
  public List<String> search() {
    return engine.search(query);
  }

  @Benchmark
  public String nested() {
    return chat.handleCommand(sessionId, message);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public String turnPaced() {
    Blackhole.consumeCPU(PACE_TOKENS);
    pacedCalls++;
    long start = System.nanoTime();
    String reply = chat.handle(sessionId, message);
    timed(start);
    return reply;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public String nestedPaced() {
    Blackhole.consumeCPU(PACE_TOKENS);
    pacedCalls++;
    long start = System.nanoTime();
    String reply = chat.handleCommand(sessionId, message);
    timed(start);
    return reply;
  }

  private void timed(long start) {
    long nanos = System.nanoTime() - start;
    if (measuring) {
      callTimes.record(nanos);
    }
  }

  // --- the same bodies, matching no convention -----------------------------------------------------

  @Benchmark
  public String plainTurn() {
    return plainChat.handle(sessionId, message);
  }

  @Benchmark
  public BenchCommand plainParser() {
    return plainParser.parse(message);
  }

  @Benchmark
  public List<String> plainSearch() {
    return plainEngine.search(query);
  }

  @Benchmark
  public String plainNested() {
    return plainChat.handleCommand(sessionId, message);
  }
}
