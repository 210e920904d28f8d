package org.acme.intents;

/** One turn: parse, answer, save. Unknown commands are reported and answered politely. */
public final class Router {

  private final IntentParser parser = new IntentParser();
  private final Storage storage = new Storage();
  private final Incidents incidents;

  public Router(Incidents incidents) {
    this.incidents = incidents;
  }

  public String route(String sessionId, String userId, String text) {
    String command;
    try {
      command = parser.parse(text);
    } catch (UnknownIntentException unknown) {
      incidents.report(unknown);
      return "sorry, I do not know that";
    }
    String answer = "answer to " + command;
    storage.save(userId, answer);
    return answer;
  }
}
