package org.acme.helpdesk;

/** What the customer wants. */
public final class Intent {
  private final String kind;
  private final String subject;

  Intent(String kind, String subject) {
    this.kind = kind;
    this.subject = subject;
  }

  public String getKind() {
    return kind;
  }

  public String getSubject() {
    return subject;
  }
}
