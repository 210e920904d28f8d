package io.chatlens.agent.boot;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Answers one question before anything is loaded: did the user turn the agent off with
 * {@code chatlens.enabled=false}? Follows the same precedence as the full configuration (system
 * property, environment, agent options, file), so a disabled agent costs nothing but this check.
 */
final class EarlySwitch {

  private static final String KEY = "chatlens.enabled";
  private static final int MAX_BYTES = 1024 * 1024;

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
    // a file over 1 MB is never read (the full configuration loader reports it); a UTF-8 byte order mark is skipped
    if (file != null && file.isFile() && file.length() <= MAX_BYTES) {
      Properties properties = new Properties();
      try (InputStream in = new FileInputStream(file)) {
        byte[] bytes = in.readNBytes(MAX_BYTES);
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
            && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        properties.load(new StringReader(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8)));
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
