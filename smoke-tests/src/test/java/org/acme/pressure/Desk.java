package org.acme.pressure;

/** Answers one message (the turn); a message asking to "break it" fails. */
public final class Desk {

  private final Catalog catalog;

  Desk(Catalog catalog) {
    this.catalog = catalog;
  }

  public String answer(String session, String message) {
    byte[] scratch = new byte[32 * 1024]; // the churn of a real turn: parsing, prompts, buffers
    scratch[message.length() % scratch.length] = 1;
    return catalog.find(message).size() + " answers";
  }
}
