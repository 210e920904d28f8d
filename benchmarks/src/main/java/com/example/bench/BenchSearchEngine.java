package com.example.bench;

import java.util.List;

/**
 * Instrumented by convention ({@code *SearchEngine#search*}). {@link PlainSearchTwin} has the same body
 * under a name that matches no convention.
 */
public final class BenchSearchEngine {

  private static final List<String> TWO = List.of("How to reset a password", "Password rules");
  private static final List<String> ONE = List.of("Contact support");

  /** Returns a result list whose size depends on the query. */
  public List<String> search(String query) {
    return (query.length() & 1) == 0 ? TWO : ONE;
  }
}
