package org.acme.helpdesk;

/** One message from a customer. Not named by any ChatLens convention. */
public final class Ticket {
  private final String conversation;
  private final String customer;
  private final String text;

  public Ticket(String conversation, String customer, String text) {
    this.conversation = conversation;
    this.customer = customer;
    this.text = text;
  }

  public String getConversation() {
    return conversation;
  }

  public String getCustomer() {
    return customer;
  }

  public String getText() {
    return text;
  }
}
