package org.acme.cursor;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Search hits read from a cursor: they can be iterated once, as a database or directory stream can. */
public final class Hits implements Iterable<String> {

  private final List<String> rows;
  private boolean consumed;

  Hits(List<String> rows) {
    this.rows = rows;
  }

  @Override
  public Iterator<String> iterator() {
    if (consumed) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return false;
        }

        @Override
        public String next() {
          throw new NoSuchElementException();
        }
      };
    }
    consumed = true;
    return rows.iterator();
  }

  /** Calling this would run another query in a real cursor; the agent must never call it. */
  public int size() {
    throw new IllegalStateException("size() of a cursor was called");
  }
}
