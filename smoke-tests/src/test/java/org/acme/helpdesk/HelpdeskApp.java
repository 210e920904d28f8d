package org.acme.helpdesk;

/** A scripted helpdesk session. Its output is deterministic. */
public final class HelpdeskApp {

  private HelpdeskApp() {}

  public static void main(String[] args) throws Exception {
    ConversationRegistry registry = new ConversationRegistry();
    FaultSink faults = new FaultSink();
    Concierge concierge = new Concierge(registry, new Ledger("jdbc:h2:mem:helpdesk;DB_CLOSE_DELAY=-1"), faults);
    String alice = firstHandle(concierge.respond(new Ticket(null, "alice", "How do I reset my password?")));
    String bob = firstHandle(concierge.respond(new Ticket(null, "bob", "what is the refund policy")));
    String[][] script = {
        {alice, "alice", "rate kb-1 helpful"},
        {bob, "bob", "teleport me to the moon"},
        {alice, "alice", "purge everything"},
        {bob, "bob", "rate kb-3 unhelpful"},
        {alice, "alice", "bye"},
        {bob, "bob", "bye"},
    };
    for (String[] line : script) {
      System.out.println(concierge.respond(new Ticket(line[0], line[1], line[2])));
    }
    try {
      concierge.respondHostile(new Ticket(null, "mallory", "x"));
    } catch (HostileException expected) {
      System.out.println("hostile exception reached the caller unchanged: " + (expected.getClass() == HostileException.class));
    }
    System.out.println("faults " + faults.reports());
    System.out.println("live conversations " + registry.live());
  }

  private static String firstHandle(String reply) {
    System.out.println(reply);
    return reply.substring(0, reply.indexOf(':'));
  }
}
