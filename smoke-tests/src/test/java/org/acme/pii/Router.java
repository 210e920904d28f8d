package org.acme.pii;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One turn: log, parse, search, save; failures are reported to the bot's incident sink and logged. */
public final class Router {

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final Parser parser = new Parser();
  private final Search search = new Search();
  private final Store store = new Store();
  private final Incidents incidents = new Incidents();

  public String route(String sessionId, String userId, String text) {
    LOG.info("received message {}", text);
    String command;
    try {
      command = parser.parse(text);
    } catch (IllegalArgumentException unknown) {
      incidents.report(unknown);
      return "sorry";
    }
    List<String> hits = search.search(text);
    try {
      store.save(userId, text);
    } catch (IllegalStateException failed) {
      incidents.report(failed);
      LOG.warn("could not save '" + text + "'", failed);
    }
    return command + " " + hits.size();
  }
}
