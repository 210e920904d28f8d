package org.acme.intents;

/** Saves answers; fails once a quota is exceeded. */
public final class Storage {

  private int saved;

  public void save(String userId, String answer) {
    if (++saved % 20 == 0) {
      throw new IllegalStateException("disk quota exceeded for " + userId + "@example.com");
    }
  }
}
