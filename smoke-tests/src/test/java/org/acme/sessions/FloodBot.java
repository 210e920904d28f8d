package org.acme.sessions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Opens a flood of distinct sessions that are never closed (argument: how many), touches each once, then prints the
 * heap used after a full collection and waits for "stop" on standard input. Holds nothing itself: whatever heap is
 * used after the flood is the agent's.
 */
public final class FloodBot {

  private FloodBot() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    Sessions sessions = new Sessions();
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long before = runtime.totalMemory() - runtime.freeMemory();
    for (int i = 0; i < count; i++) {
      String id = sessions.open("u" + (i % 1000));
      sessions.touch(id);
    }
    System.gc();
    System.gc();
    long after = runtime.totalMemory() - runtime.freeMemory();
    System.out.println("flooded opened=" + sessions.opened() + " heapBeforeMb=" + before / (1024 * 1024)
        + " heapAfterMb=" + after / (1024 * 1024));
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("stop")) {
        break;
      }
    }
    System.out.println("stopped");
  }
}
