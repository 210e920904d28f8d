package org.acme.helpdesk;

/** The turn: one ticket in, one reply out. */
public final class Concierge {
  private final ConversationRegistry conversations;
  private final IntentReader reader = new IntentReader();
  private final KnowledgeLookup knowledge = new KnowledgeLookup();
  private final Ledger ledger;
  private final FaultSink faults;

  public Concierge(ConversationRegistry conversations, Ledger ledger, FaultSink faults) {
    this.conversations = conversations;
    this.ledger = ledger;
    this.faults = faults;
  }

  public String respond(Ticket ticket) {
    Conversation conversation = ticket.getConversation() == null
        ? conversations.open(ticket.getCustomer()) : conversations.get(ticket.getConversation());
    conversations.touch(conversation);
    try {
      Intent intent = reader.interpret(ticket.getText());
      ledger.record(conversation.handle(), ticket.getText());
      switch (intent.getKind()) {
        case "question" -> {
          Answers answers = knowledge.lookup(intent.getSubject());
          return conversation.handle() + ": " + answers.getMatches().size() + " article(s) " + answers.getMatches();
        }
        case "rating" -> {
          String[] parts = intent.getSubject().split(" ");
          knowledge.rate(parts[0], parts.length > 1 ? parts[1] : "helpful");
          return conversation.handle() + ": thanks for rating " + parts[0];
        }
        case "purge" -> {
          try {
            ledger.purge();
            return "purged";
          } catch (IllegalStateException failure) {
            faults.report("purge", failure);
            return conversation.handle() + ": purge failed; same instance=" + (failure == Ledger.lastPurgeFailure)
                + ", suppressed=" + failure.getSuppressed().length
                + ", top frame=" + failure.getStackTrace()[0].getMethodName();
          }
        }
        default -> {
          int entries = ledger.history(conversation.handle());
          conversations.retire(conversation.handle());
          return conversation.handle() + ": goodbye after " + entries + " entries";
        }
      }
    } catch (UnsupportedIntentException unsupported) {
      return conversation.handle() + ": sorry, " + unsupported.getMessage();
    } catch (java.sql.SQLException failure) {
      faults.report("ledger", failure);
      return conversation.handle() + ": storage problem";
    }
  }

  /** A turn that throws an exception whose methods themselves throw. */
  public String respondHostile(Ticket ticket) {
    throw new HostileException();
  }
}
