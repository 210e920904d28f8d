package org.acme.pii;

/** The bot's error handler. */
public final class Incidents {

  private int reported;

  public void report(Throwable error) {
    reported++;
  }
}
