package org.example.inproc;

import java.util.ArrayList;
import java.util.List;

/** The search of the in-process weaving tests: one result per word of the query. */
public final class ShopSearch {

  public List<String> search(String query) {
    List<String> results = new ArrayList<>();
    for (String word : query.split(" ")) {
      if (!word.isBlank()) {
        results.add("item-" + word);
      }
    }
    return results;
  }
}
