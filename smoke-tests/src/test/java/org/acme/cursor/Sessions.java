package org.acme.cursor;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/** The chatbot's sessions: expiring them answers with a lazy collection, as an ORM query would. */
public final class Sessions {

  private final List<String> open = new ArrayList<>();

  public String open(String user) {
    String id = "sess-" + (open.size() + 1);
    open.add(id);
    return id;
  }

  /** The sessions expired, in a lazy collection whose every read the chatbot counts (a query in a real one). */
  public Expired expireIdle() {
    Expired expired = new Expired(new ArrayList<>(open));
    open.clear();
    return expired;
  }

  /** Expired sessions, read lazily. */
  public static final class Expired extends AbstractList<String> {

    static int reads;

    private final List<String> ids;

    Expired(List<String> ids) {
      this.ids = ids;
    }

    @Override
    public String get(int index) {
      reads++;
      return ids.get(index);
    }

    @Override
    public int size() {
      reads++;
      return ids.size();
    }
  }
}
