package org.acme.pii;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A chatbot whose users type secrets and personal data. It sends every message of a corpus file ({@code args[0]},
 * one message a line, {@code \n} for a line break) through one turn each, prints {@code TURNS_DONE}, then keeps
 * sending one failing message every 200 ms (so that an error-rate alert fires) until its standard input ends.
 */
public final class PiiBot {

  private PiiBot() {}

  public static void main(String[] args) throws Exception {
    List<String> messages = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    Router router = new Router();
    int turn = 0;
    for (String message : messages) {
      router.route("sess-" + (turn % 3), "user-" + (turn % 2), message.replace("\\n", "\n"));
      turn++;
    }
    System.out.println("TURNS_DONE " + turn);
    System.out.flush();
    Thread keepFailing = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          router.route("sess-0", "user-0", "my password is hunter2");
          Thread.sleep(200);
        }
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      }
    }, "pii-heartbeat");
    keepFailing.setDaemon(true);
    keepFailing.start();
    while (System.in.read() >= 0) {
      // wait for the end of standard input
    }
    keepFailing.interrupt();
    keepFailing.join(5_000);
  }
}
