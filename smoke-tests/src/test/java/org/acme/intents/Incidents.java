package org.acme.intents;

/** The bot's own error handler: counts what it is given. */
public final class Incidents {

  private int reported;

  public void report(Throwable error) {
    reported++;
  }

  public int reported() {
    return reported;
  }
}
