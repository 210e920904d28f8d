package org.acme.cursor;

import java.util.AbstractList;
import java.util.List;

/**
 * Archived answers in a lazy collection, as an ORM returns them (a Hibernate {@code PersistentBag}, say): every
 * {@code size()} runs a query in a real one, so the chatbot counts the calls and prints them.
 */
public final class LazyBag extends AbstractList<String> {

  static int sizeCalls;

  private final List<String> rows;

  LazyBag(List<String> rows) {
    this.rows = rows;
  }

  @Override
  public String get(int index) {
    return rows.get(index);
  }

  @Override
  public int size() {
    sizeCalls++;
    return rows.size();
  }
}
