package org.acme.cursor;

/** One turn: search, then answer with what the cursor holds. */
public final class Desk {

  private final Index index = new Index();

  public String answer(String sessionId, String question) {
    StringBuilder reply = new StringBuilder();
    for (String hit : index.search(question)) {
      reply.append(reply.length() == 0 ? "" : " | ").append(hit);
    }
    if (reply.length() == 0) {
      for (String archived : index.archive(question)) {
        reply.append(reply.length() == 0 ? "archived: " : " | ").append(archived);
      }
    }
    return reply.length() == 0 ? "found nothing" : reply.toString();
  }
}
