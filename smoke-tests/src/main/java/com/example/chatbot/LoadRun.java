package com.example.chatbot;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo chatbot in a CPU-bound load mode, for the whole-process overhead benchmark
 * ({@code benchmarks/overhead/run.sh}): worker threads play the scripted conversations over and over with no think
 * time, on H2 in memory. Nothing here knows about any agent.
 *
 * <p>Phases: a warm-up of {@code --warmup} right after start-up; a <em>cold</em> measurement of {@code --turns}
 * turns; optionally (when {@code --steady-after} is set) more turns until that much time has passed since the
 * warm-up began, then a <em>steady</em> measurement of {@code --steady-turns} turns. Each measurement prints one
 * line:
 *
 * <pre>LOAD phase=cold turns=16000 seconds=2.91 tps=5498.3 p50_us=301.2 p99_us=1450.0 ...</pre>
 *
 * <p>followed by the JIT's compilation time, the allocation and CPU time of the request threads per turn, and the
 * CPU time of every other thread of the process grouped by name (read from {@code /proc/self/task}), so that the
 * benchmark can say where each nanosecond of a turn went.
 *
 * <p>Usage: {@code java -cp chatbot-demo.jar com.example.chatbot.LoadRun [--threads 2] [--warmup 5s]
 * [--turns 16000] [--steady-after 60s] [--steady-turns 40000] [--indexed] [--scrape URL] [--first-turn]}. With
 * {@code --scrape} each measurement also prints the drop counters of a Prometheus page (an agent's own endpoint). {@code --indexed} adds the
 * indexes the demo's messages table lacks, which makes a turn about ten times cheaper. With {@code --first-turn} it answers one
 * message and prints {@code FIRST_TURN ms_since_jvm_start=...}.
 */
public final class LoadRun {

  private static final int USERS = 500;
  private static final int TURNS_PER_USER = 12;

  private final ChatService chatService;
  private final List<UserScript> users;
  private final AtomicLong sequence = new AtomicLong();
  private volatile Recorder recorder;
  private volatile boolean stop;
  private String scrape;
  private boolean janitor;

  private LoadRun(ChatService chatService, List<UserScript> users) {
    this.chatService = chatService;
    this.users = users;
  }

  public static void main(String[] args) throws Exception {
    int threads = 2;
    Duration warmup = Duration.ofSeconds(5);
    int turns = 16_000;
    Duration steadyAfter = Duration.ZERO;
    int steadyTurns = 40_000;
    boolean firstTurn = false;
    boolean indexed = false;
    String scrape = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Durations.parse(args[++i]);
        case "--turns" -> turns = Integer.parseInt(args[++i]);
        case "--steady-after" -> steadyAfter = Durations.parse(args[++i]);
        case "--steady-turns" -> steadyTurns = Integer.parseInt(args[++i]);
        case "--first-turn" -> firstTurn = true;
        case "--indexed" -> indexed = true;
        case "--scrape" -> scrape = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    PrintStream out = System.out;
    try (DatabaseManager database = new DatabaseManager(AppOptions.DEFAULT_JDBC_URL, "sa", "")) {
      database.initialize();
      if (indexed) {
        indexMessages();
      }
      SessionManager sessions = new SessionManager(Duration.ofMinutes(30), Clock.systemUTC());
      ChatService chat = new ChatService(sessions, new CommandParser(), new SearchEngine(database), database,
          new ErrorHandler());
      if (firstTurn) {
        String session = chat.openSession("user-1");
        String reply = chat.handle(session, "/search reset password");
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf(Locale.ROOT, "FIRST_TURN ms_since_jvm_start=%d epoch_ms=%d reply_chars=%d%n", sinceStart,
            System.currentTimeMillis(), reply.length());
        return;
      }
      List<UserScript> users = ConversationScript.generate(42L, USERS, TURNS_PER_USER, false).users();
      LoadRun load = new LoadRun(chat, users);
      load.scrape = scrape;
      load.janitor = indexed;
      load.run(out, threads, warmup, turns, steadyAfter, steadyTurns);
    }
  }

  /**
   * The demo's schema has no index on the messages table, so {@code /history} slows down as the table grows; a
   * load run adds the indexes a production schema would have, so that a turn costs the same after a minute as
   * after a second (for every agent alike).
   */
  private static void indexMessages() throws java.sql.SQLException {
    sql("CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id)",
        "CREATE INDEX IF NOT EXISTS messages_user ON messages(user_id)");
  }

  private static void sql(String... statements) throws java.sql.SQLException {
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(AppOptions.DEFAULT_JDBC_URL, "sa", "");
        java.sql.Statement statement = connection.createStatement()) {
      for (String text : statements) {
        statement.execute(text);
      }
    }
  }

  private void run(PrintStream out, int threads, Duration warmup, int turns, Duration steadyAfter, int steadyTurns)
      throws InterruptedException, java.sql.SQLException {
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(this::work, "chat-worker-" + (t + 1));
      worker.setDaemon(true);
      workers.add(worker);
    }
    long warmupStart = System.nanoTime();
    for (Thread worker : workers) {
      worker.start();
    }
    if (janitor) {
      // indexed turns are cheap enough to fill the heap with messages within a minute: keep the newest 100 000
      Thread trim = new Thread(() -> {
        while (!stop) {
          try {
            Thread.sleep(1000);
            sql("DELETE FROM messages WHERE id < (SELECT MAX(id) - 100000 FROM messages)");
          } catch (InterruptedException | java.sql.SQLException e) {
            return;
          }
        }
      }, "load-janitor");
      trim.setDaemon(true);
      trim.start();
    }
    Thread.sleep(warmup.toMillis());
    measure(out, "cold", turns, workers);
    if (!steadyAfter.isZero()) {
      long remaining = steadyAfter.toNanos() - (System.nanoTime() - warmupStart);
      if (remaining > 0) {
        Thread.sleep(remaining / 1_000_000);
      }
      measure(out, "steady", steadyTurns, workers);
    }
    stop = true;
    for (Thread worker : workers) {
      worker.join(10_000);
    }
    out.printf(Locale.ROOT, "LOAD_DONE total_turns=%d%n", sequence.get());
  }

  private void measure(PrintStream out, String phase, int turns, List<Thread> workers)
      throws InterruptedException, java.sql.SQLException {
    // Without indexes a turn's cost grows with the messages table; every measurement starts from an empty table,
    // so that each agent's measured turns do the same work whatever its speed during the warm-up.
    sql("DELETE FROM messages");
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long[] ids = workers.stream().mapToLong(Thread::getId).toArray();
    Map<String, Long> tasksBefore = taskCpuByName();
    long cpuBefore = cpu(threadBean, ids);
    long allocBefore = allocated(threadBean, ids);
    long jitBefore = jit.getTotalCompilationTime();
    Recorder measuring = new Recorder(turns);
    long start = System.nanoTime();
    recorder = measuring;
    measuring.done.await();
    long elapsed = System.nanoTime() - start;
    recorder = null;
    long cpuAfter = cpu(threadBean, ids);
    long allocAfter = allocated(threadBean, ids);
    long jitAfter = jit.getTotalCompilationTime();
    Map<String, Long> tasksAfter = taskCpuByName();
    long[] latencies = Arrays.copyOf(measuring.latencies, turns);
    Arrays.sort(latencies);
    out.printf(Locale.ROOT,
        "LOAD phase=%s turns=%d seconds=%.3f tps=%.1f p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f "
            + "max_us=%.1f request_cpu_ns_per_turn=%d alloc_bytes_per_turn=%d jit_ms=%d jit_total_ms=%d%n",
        phase, turns, elapsed / 1e9, turns / (elapsed / 1e9), percentile(latencies, 0.50) / 1e3,
        percentile(latencies, 0.90) / 1e3, percentile(latencies, 0.99) / 1e3, percentile(latencies, 0.999) / 1e3,
        latencies[turns - 1] / 1e3, (cpuAfter - cpuBefore) / turns, (allocAfter - allocBefore) / turns,
        jitAfter - jitBefore, jitAfter);
    StringBuilder line = new StringBuilder("THREADS phase=").append(phase);
    for (Map.Entry<String, Long> entry : tasksAfter.entrySet()) {
      long used = entry.getValue() - tasksBefore.getOrDefault(entry.getKey(), 0L);
      if (used > 0) {
        line.append(' ').append(entry.getKey()).append('=').append(used / turns);
      }
    }
    out.println(line.append(" (ns of CPU per turn)"));
    if (scrape != null) {
      out.println("SCRAPE phase=" + phase + " " + dropLines(scrape));
    }
    out.flush();
  }

  private void work() {
    int user = (int) (Thread.currentThread().getId() * 7919 % USERS);
    long cycle = 0;
    String thread = Thread.currentThread().getName();
    while (!stop) {
      UserScript script = users.get(user);
      user = (user + 1) % USERS;
      if (user == 0) {
        cycle++;
      }
      // a new user id each time round, so that the messages per user stay as few as in a short run
      String sessionId = chatService.openSession(script.userId() + "-" + thread + "-" + cycle);
      for (String message : script.messages()) {
        Recorder current = recorder;
        long start = System.nanoTime();
        chatService.handle(sessionId, message);
        long took = System.nanoTime() - start;
        sequence.incrementAndGet();
        if (current != null) {
          current.record(took);
        }
        if (stop) {
          return;
        }
      }
      chatService.closeSession(sessionId);
    }
  }

  /** The lines of a metrics page (Prometheus text) that count dropped items, joined with " | ". */
  private static String dropLines(String url) {
    try (java.io.InputStream in = java.net.URI.create(url).toURL().openStream()) {
      String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder found = new StringBuilder();
      for (String line : page.split("\n")) {
        if (!line.startsWith("#") && (line.contains("dropped") || line.contains("queue_full"))) {
          found.append(found.length() == 0 ? "" : " | ").append(line.replace(' ', '='));
        }
      }
      return found.length() == 0 ? "no-drop-counters" : found.toString();
    } catch (IOException | RuntimeException e) {
      return "scrape-failed=" + e.getClass().getSimpleName();
    }
  }

  private static long percentile(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static long cpu(ThreadMXBean bean, long[] ids) {
    long total = 0;
    for (long id : ids) {
      total += Math.max(0, bean.getThreadCpuTime(id));
    }
    return total;
  }

  private static long allocated(ThreadMXBean bean, long[] ids) {
    if (bean instanceof com.sun.management.ThreadMXBean sun) {
      long total = 0;
      for (long id : ids) {
        total += Math.max(0, sun.getThreadAllocatedBytes(id));
      }
      return total;
    }
    return 0;
  }

  /**
   * CPU time (ns) of every native thread of this process, summed by thread name with digits folded ("GC Thread#1"
   * and "GC Thread#0" count as one), from {@code /proc/self/task/N/stat} (clock ticks of 10 ms). Empty off Linux.
   */
  static Map<String, Long> taskCpuByName() {
    Map<String, Long> byName = new TreeMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return byName;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
      for (Path dir : dirs) {
        try {
          String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "N").replace(' ', '_');
          String[] fields = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          byName.merge(name, ticks * 10_000_000L, Long::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return byName;
    }
    return byName;
  }

  /** Collects the latencies of one measurement; the turn that fills it releases the waiting main thread. */
  private static final class Recorder {
    final long[] latencies;
    final AtomicInteger next = new AtomicInteger();
    final CountDownLatch done = new CountDownLatch(1);

    Recorder(int turns) {
      latencies = new long[turns];
    }

    void record(long nanos) {
      int slot = next.getAndIncrement();
      if (slot < latencies.length) {
        latencies[slot] = nanos;
        if (slot == latencies.length - 1) {
          done.countDown();
        }
      }
    }
  }
}
