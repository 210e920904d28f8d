package io.chatlens.agent.boot;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.Properties;

/**
 * Answers one question before anything is loaded: did the user turn the agent off with
 * {@code chatlens.enabled=false}? Follows the same precedence as the full configuration (system
 * property, environment, agent options, file), so a disabled agent costs nothing but this check.
 */
final class EarlySwitch {

  private static final String KEY = "chatlens.enabled";

  private EarlySwitch() {}

  /** Returns where {@code chatlens.enabled=false} came from, or {@code null} if the agent should start. */
  static String disabledBy(String options) {
    String value = System.getProperty(KEY);
    if (value != null) {
      return isFalse(value) ? "system property" : null;
    }
    value = System.getenv("CHATLENS_ENABLED");
    if (value != null) {
      return isFalse(value) ? "environment variable CHATLENS_ENABLED" : null;
    }
    value = optionValue(options, KEY);
    if (value != null) {
      return isFalse(value) ? "agent options" : null;
    }
    File file = configFile(options);
    if (file != null && file.isFile()) {
      Properties properties = new Properties();
      try (InputStream in = new FileInputStream(file)) {
        properties.load(in);
      } catch (Exception unreadable) {
        return null; // the full configuration loader reports the problem
      }
      value = properties.getProperty(KEY);
      if (value != null && isFalse(value)) {
        return file.getPath();
      }
    }
    return null;
  }

  private static File configFile(String options) {
    String path = System.getProperty("chatlens.config");
    if (path == null) {
      path = optionValue(options, "config");
    }
    if (path == null) {
      path = System.getenv("CHATLENS_CONFIG");
    }
    return path == null ? new File("agent.properties") : new File(path);
  }

  private static String optionValue(String options, String key) {
    if (options == null) {
      return null;
    }
    for (String part : options.split(",(?=[A-Za-z][\\w.\\-]*=)")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).trim().equals(key)) {
        return part.substring(eq + 1).trim();
      }
    }
    return null;
  }

  private static boolean isFalse(String value) {
    return "false".equalsIgnoreCase(value.trim());
  }
}
