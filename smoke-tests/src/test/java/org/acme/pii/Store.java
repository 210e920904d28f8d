package org.acme.pii;

/** Saving always fails, with the message in the exception (as careless applications do). */
public final class Store {

  public void save(String userId, String text) {
    throw new IllegalStateException("could not save message of " + userId + ": " + text);
  }
}
