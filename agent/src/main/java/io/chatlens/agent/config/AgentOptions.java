package io.chatlens.agent.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options string of {@code -javaagent:chatlens-agent.jar=OPTIONS}: {@code key=value} pairs separated
 * by commas. A comma only starts a new pair when a {@code key=} follows it, so method lists survive:
 * {@code config=a.properties,chatlens.instrument.session=com.acme.Sessions#open*,close*}.
 */
public final class AgentOptions {

  private AgentOptions() {}

  public static Map<String, String> parse(String options) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (options == null || options.isBlank()) {
      return pairs;
    }
    for (String part : options.split(",(?=\\s*[A-Za-z][\\w.\\-]*\\s*=)")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        pairs.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      } else if (!part.isBlank()) {
        pairs.put(part.trim(), "");
      }
    }
    return pairs;
  }
}
