package org.acme.pii;

import java.util.List;

/** Finds one answer for questions that mention a card, none otherwise. */
public final class Search {

  public List<String> search(String query) {
    return query.contains("card") ? List.of("How do I update my card?") : List.of();
  }
}
