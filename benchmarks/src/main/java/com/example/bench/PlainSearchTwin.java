package com.example.bench;

import java.util.List;

/** {@link BenchSearchEngine}'s twin: identical body, a name that matches no convention. */
public final class PlainSearchTwin {

  private static final List<String> TWO = List.of("How to reset a password", "Password rules");
  private static final List<String> ONE = List.of("Contact support");

  public List<String> search(String query) {
    return (query.length() & 1) == 0 ? TWO : ONE;
  }
}
