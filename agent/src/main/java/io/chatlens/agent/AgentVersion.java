package io.chatlens.agent;

import java.io.InputStream;
import java.util.Properties;

/** The version of this agent build. */
public final class AgentVersion {

  private static final String VERSION = load();

  private AgentVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (Exception e) {
      return "unknown";
    }
  }
}
