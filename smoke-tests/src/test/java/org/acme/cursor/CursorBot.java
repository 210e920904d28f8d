package org.acme.cursor;

/** Answers a fixed list of questions and prints each answer. Its output is deterministic. */
public final class CursorBot {

  private CursorBot() {}

  public static void main(String[] args) {
    Desk desk = new Desk();
    Sessions sessions = new Sessions();
    sessions.open("ada");
    String[] questions = {"how do I reset my password", "when do refunds arrive", "is shipping free",
        "what are the password rules", "tell me a joke"};
    int answered = 0;
    for (String question : questions) {
      String reply = desk.answer("sess-1", question);
      System.out.println(question + " -> " + reply);
      answered += reply.equals("found nothing") ? 0 : 1;
    }
    System.out.println("answered " + answered + " of " + questions.length);
    System.out.println("size() of lazy archive results called " + LazyBag.sizeCalls + " times");
    sessions.expireIdle();
    System.out.println("reads of the lazy expired sessions: " + Sessions.Expired.reads);
  }
}
