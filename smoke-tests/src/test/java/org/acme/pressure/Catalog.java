package org.acme.pressure;

import java.util.List;

/** The search: fails for a message that asks for it. */
public final class Catalog {

  public List<String> find(String query) {
    if (query.startsWith("break it")) {
      throw new IllegalStateException("catalog unavailable");
    }
    return List.of("faq-1", "faq-2");
  }
}
