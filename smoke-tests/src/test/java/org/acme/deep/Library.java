package org.acme.deep;

/**
 * A search that, for the query "deep", consults the desk, which searches again: a recursion without end through two
 * instrumented methods of different components (so every level has spans of its own), until the stack overflows.
 */
public final class Library {

  private Desk desk;

  void desk(Desk desk) {
    this.desk = desk;
  }

  public int find(String query, int depth) {
    if (query.equals("deep")) {
      return desk.consult(query, depth + 1) + 1;
    }
    return query.length();
  }
}
