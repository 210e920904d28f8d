package com.example.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes sure each fork measures what it claims to: no agent at all in {@link NoAgent}; in
 * {@link WithAgent} an active agent that has woven the benchmark classes. Talks to the agent only through
 * its bootstrap bridge (by reflection: this module does not depend on the agent) and its log file.
 */
final class AgentCheck {

  private static final String BRIDGE = "io.chatlens.bootstrap.ChatLensBridge";
  private static final String FAULTS = "io.chatlens.bootstrap.BridgeFaults";
  private static final String PREFIX = "[chatlens-bench] ";

  private AgentCheck() {}

  /** Fails unless the JVM runs without any Java agent. */
  static void requireNoAgent() {
    List<String> agents = agentArguments();
    if (!agents.isEmpty() || bootstrapClass(BRIDGE) != null) {
      throw new IllegalStateException("the no-agent fork runs with an agent: " + agents
          + " (check JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS)");
    }
    System.out.println(PREFIX + "no agent");
  }

  /**
   * Fails unless the agent is active and a nested call of the benchmark classes produced its turn, parser
   * and search log events.
   */
  static void requireAgentWeaving(BenchChatService chat) throws Exception {
    Class<?> bridge = bootstrapClass(BRIDGE);
    if (bridge == null) {
      throw new IllegalStateException("no ChatLens agent in this fork: " + agentArguments());
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!(Boolean) bridge.getMethod("isActive").invoke(null)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the ChatLens agent did not become active within 30 s");
      }
      Thread.sleep(50);
    }
    String level = System.getProperty("chatlens.log.level", "info");
    if (!level.equalsIgnoreCase("info") && !level.equalsIgnoreCase("debug")) {
      // An experiment without INFO events (e.g. -Dchatlens.log.level=warn): nothing to look for in the log.
      System.out.println(PREFIX + "agent active " + agentArguments() + "; log level " + level
          + ", so weaving is not verified through the log");
      return;
    }
    String marker = "check-" + ProcessHandle.current().pid();
    chat.handleCommand(marker, "/search weaving check");
    Path log = logDirectory().resolve("chatbot.log");
    List<String> expected = List.of("[chat_service] [handle_command]", "[command_parser] [parse]",
        "[search_engine] [search]");
    List<String> missing = new ArrayList<>(expected);
    deadline = System.nanoTime() + 10_000_000_000L;
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      if (Files.exists(log)) {
        try (Stream<String> lines = Files.lines(log)) {
          lines.filter(line -> line.contains("session_id=" + marker))
              .forEach(line -> missing.removeIf(line::contains));
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the agent is active but no log event " + missing + " appeared in " + log
          + ": BenchChatService, BenchCommandParser and BenchSearchEngine were not woven");
    }
    System.out.println(PREFIX + "agent active " + agentArguments() + "; turn, parser and search woven");
  }

  /**
   * Reports faults the agent swallowed and how much it logged (for a paced scenario, also how many of its
   * calls got their line written), then deletes the log files.
   */
  static void reportAndClean(long pacedCalls) throws Exception {
    Class<?> faults = bootstrapClass(FAULTS);
    long count = faults == null ? -1 : (Long) faults.getMethod("count").invoke(null);
    if (count != 0) {
      Object last = faults == null ? null : faults.getMethod("last").invoke(null);
      System.out.println(PREFIX + "WARNING: the agent swallowed " + count + " fault(s); last: " + last);
    } else {
      System.out.println(PREFIX + "agent faults: 0");
    }
    Path directory = logDirectory();
    if (pacedCalls > 0 && Files.isDirectory(directory)) {
      // chatbot.log and its rotated files (it rolls over at 100 MB)
      long turnLines = 0;
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (name.startsWith("chatbot") && name.endsWith(".log")) {
            try (Stream<String> lines = Files.lines(file)) {
              turnLines += lines.filter(line -> line.contains("[chat_service]")).count();
            }
          }
        }
      }
      System.out.printf("%sturn events written: %d of %d paced calls (%.1f %%)%n", PREFIX, turnLines, pacedCalls,
          100.0 * turnLines / pacedCalls);
    }
    long bytes = 0;
    if (Files.isDirectory(directory)) {
      try (Stream<Path> tree = Files.walk(directory)) {
        for (Path file : (Iterable<Path>) tree.sorted(java.util.Comparator.reverseOrder())::iterator) {
          bytes += Files.isRegularFile(file) ? Files.size(file) : 0;
          if (!file.equals(directory)) {
            deleteQuietly(file);
          }
        }
      }
    }
    System.out.println(PREFIX + "structured log written: " + bytes / (1024 * 1024) + " MiB (deleted)");
  }

  private static Path logDirectory() {
    return Path.of(System.getProperty("chatlens.log.dir", "logs"));
  }

  private static List<String> agentArguments() {
    List<String> agents = new ArrayList<>();
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("-javaagent:") || argument.startsWith("-agentpath:")
          || argument.startsWith("-agentlib:jdwp")) {
        agents.add(argument);
      }
    }
    return agents;
  }

  private static Class<?> bootstrapClass(String name) {
    try {
      return Class.forName(name, false, null);
    } catch (ClassNotFoundException absent) {
      return null;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the agent still has it open on some file systems; it is inside target/ anyway
    }
  }
}
