package org.acme.cursor;

import java.util.ArrayList;
import java.util.List;

/** A tiny search index that answers with a cursor. */
public final class Index {

  private static final List<String> ANSWERS = List.of("reset your password in settings", "refunds take 5 days",
      "shipping is free over 50", "password rules: 12 characters");

  public Hits search(String query) {
    List<String> rows = new ArrayList<>();
    for (String answer : ANSWERS) {
      for (String word : query.toLowerCase(java.util.Locale.ROOT).split(" ")) {
        if (word.length() > 3 && answer.contains(word)) {
          rows.add(answer);
          break;
        }
      }
    }
    return new Hits(rows);
  }

  /** The same answers from the archive, in a lazy collection. */
  public LazyBag archive(String query) {
    List<String> rows = new ArrayList<>();
    search(query).forEach(rows::add);
    return new LazyBag(rows);
  }
}
