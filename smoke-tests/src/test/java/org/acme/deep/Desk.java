package org.acme.deep;

/** One turn: a search, then an answer. A search that overflows the stack is caught, and another one is made. */
public final class Desk {

  private final Library library;

  Desk(Library library) {
    this.library = library;
    library.desk(this);
  }

  public String answer(String sessionId, String question) {
    try {
      return "found " + library.find(question, 0);
    } catch (StackOverflowError overflow) {
      return "overflowed, then found " + library.find("inside", 0);
    }
  }

  /** A turn inside a search, which searches again. */
  public int consult(String question, int depth) {
    return library.find(question, depth) + 1;
  }
}
