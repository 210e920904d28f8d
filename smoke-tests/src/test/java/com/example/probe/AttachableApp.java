package com.example.probe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A long-running application: every line read from stdin is one chat turn. */
public final class AttachableApp {

  private AttachableApp() {}

  public static void main(String[] args) throws Exception {
    ProbeChatService service = new ProbeChatService();
    System.out.println(service.handle("s-0", "before attach"));
    System.out.println("waiting");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
      System.out.println(service.handle("s-1", line));
    }
  }
}
