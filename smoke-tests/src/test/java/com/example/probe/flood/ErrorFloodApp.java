package com.example.probe.flood;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Floods its error handler with distinct exceptions (first argument: how many), prints {@code flood done},
 * then waits for standard input to close.
 */
public final class ErrorFloodApp {

  private ErrorFloodApp() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    FloodErrorHandler handler = new FloodErrorHandler();
    for (int i = 0; i < count; i++) {
      handler.handle(new IllegalStateException("flood failure number " + i));
    }
    System.out.println("flood done handled=" + handler.handled());
    new BufferedReader(new InputStreamReader(System.in)).readLine();
    System.out.println("bye");
  }
}
