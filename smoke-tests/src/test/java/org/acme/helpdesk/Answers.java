package org.acme.helpdesk;

import java.util.List;

/** Search results. */
public final class Answers {
  private final List<String> matches;

  Answers(List<String> matches) {
    this.matches = matches;
  }

  public List<String> getMatches() {
    return matches;
  }
}
