package io.chatlens.agent.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Masks secrets when the configuration is printed or reported. */
public final class SecretMasker {

  private static final Pattern SECRET_NAME = Pattern.compile(
      ".*(password|passwd|pwd|secret|token|api[._-]?key|authorization|credential|cookie).*");
  public static final String MASK = "****";

  private SecretMasker() {}

  /** The value to show for this key. */
  public static String mask(String key, String value, boolean secret) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    if (key.endsWith("headers")) {
      return maskHeaderValues(value);
    }
    if (secret || SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
      return MASK;
    }
    return value;
  }

  /** {@code Authorization=Bearer abc,x-tenant=acme} becomes {@code Authorization=****,x-tenant=****}. */
  static String maskHeaderValues(String headers) {
    StringBuilder out = new StringBuilder();
    for (String pair : headers.split(",")) {
      if (out.length() > 0) {
        out.append(',');
      }
      int eq = pair.indexOf('=');
      out.append(eq < 0 ? MASK : pair.substring(0, eq).trim() + "=" + MASK);
    }
    return out.toString();
  }
}
