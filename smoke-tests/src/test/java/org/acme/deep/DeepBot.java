package org.acme.deep;

/**
 * On one thread: three turns whose search recurses until a {@link StackOverflowError}; each turn catches it and
 * searches again. Then eight walks (not instrumented) that search at each of their deepest levels until the stack
 * overflows inside the agent's code, each followed by a search. Then, on the same thread, a turn with a search inside
 * it, and a search on its own. Runs on a
 * thread with a small stack, so the overflows come fast.
 */
public final class DeepBot {

  private DeepBot() {}

  public static void main(String[] args) throws Exception {
    Thread bot = new Thread(null, DeepBot::run, "deep-bot", 512 * 1024);
    bot.start();
    bot.join();
  }

  private static void run() {
    Library library = new Library();
    Desk desk = new Desk(library);
    for (int i = 0; i < 3; i++) { // the overflow strikes at a different point each time (interpreted, then compiled)
      System.out.println(desk.answer("sess-1", "deep"));
    }
    Walker walker = new Walker(library);
    int overflows = 0;
    for (int pad = 0; pad < 8; pad++) { // the overflow strikes at different points of the agent's code
      int deepest = walker.measure(pad);
      overflows += walker.overflow(pad, Math.max(0, deepest - 250)) ? 1 : 0;
      System.out.println("check " + library.find("check", 0));
    }
    System.out.println("walks overflowed: " + overflows);
    System.out.println(desk.answer("sess-1", "after the overflow"));
    System.out.println("alone " + library.find("alone", 0));
  }
}
