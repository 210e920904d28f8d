package org.acme.pressure;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chatbot that serves turns without pause (every fifth one fails) while its operator, on standard input, makes it
 * hold most of its heap ({@code hold}), let it go ({@code release}) and stop ({@code stop}, which prints how many
 * turns were served and how many failed). Meant to run with a small heap, such as {@code -Xmx64m}.
 */
public final class PressureBot {

  private PressureBot() {}

  public static void main(String[] args) throws Exception {
    Desk desk = new Desk(new Catalog());
    AtomicBoolean serving = new AtomicBoolean(true);
    AtomicLong served = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Thread server = new Thread(() -> {
      long turn = 0;
      while (serving.get()) {
        turn++;
        try {
          desk.answer("session-" + turn % 50, turn % 5 == 0 ? "break it " + turn : "hello " + turn);
        } catch (IllegalStateException expected) {
          failed.incrementAndGet();
        }
        served.incrementAndGet();
        try {
          Thread.sleep(1);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }, "server");
    server.start();
    System.out.println("serving");
    List<byte[]> held = new ArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      switch (line.trim()) {
        case "hold" -> {
          // most of the heap, measured after full collections: what is left is the young generation's churn
          long max = Runtime.getRuntime().maxMemory();
          while (usedAfterGc() < max * 0.82) {
            for (int i = 0; i < 64; i++) {
              held.add(new byte[16 * 1024]);
            }
          }
          System.out.println("holding " + held.size() * 16 / 1024 + " MB of " + max / (1024 * 1024) + " MB");
        }
        case "release" -> {
          held.clear();
          System.gc();
          System.out.println("released");
        }
        case "stop" -> {
          serving.set(false);
          server.join();
          System.out.println("served=" + served.get() + " failed=" + failed.get());
        }
        default -> System.out.println("unknown command " + line);
      }
    }
  }

  private static long usedAfterGc() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
