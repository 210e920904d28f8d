package org.acme.intents;

/**
 * A chatbot ChatLens has never seen. Its users mistype commands: each run sends {@code args[0]} distinct unknown
 * commands made from the word {@code args[1]}, and as many known ones, then prints {@code TURNS_DONE 1}. Each line
 * {@code again} on standard input runs the same batch once more ({@code TURNS_DONE 2}, ...); it exits at the end of
 * its input.
 */
public final class IntentBot {

  private IntentBot() {}

  public static void main(String[] args) throws Exception {
    int typos = Integer.parseInt(args[0]);
    String word = args[1];
    Incidents incidents = new Incidents();
    Router router = new Router(incidents);
    java.io.BufferedReader input = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
    int batch = 0;
    do {
      int failed = 0;
      for (int i = 0; i < typos; i++) {
        router.route("sess-" + (i % 5), "user" + (i % 3), "/" + word + i + " please");
        try {
          router.route("sess-" + (i % 5), "user" + (i % 3), "/search refunds");
        } catch (IllegalStateException quota) {
          failed++;
        }
      }
      System.out.println("reported " + incidents.reported() + " failed " + failed);
      System.out.println("TURNS_DONE " + ++batch);
      System.out.flush();
    } while ("again".equals(input.readLine()));
  }
}
