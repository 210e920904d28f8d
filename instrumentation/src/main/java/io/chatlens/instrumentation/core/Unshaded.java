package io.chatlens.instrumentation.core;

/**
 * Names of the application's own copies of libraries that the agent also ships (Logback, SLF4J,
 * OpenTelemetry, Byte Buddy, ...). The build relocates the agent's copies and rewrites every string constant
 * that starts with their package, which would turn {@code "ch.qos.logback.classic.Logger"} into the agent's
 * shaded name. Such names are therefore written with a leading {@code #}, which the relocation leaves alone,
 * and read through this class, which drops it.
 */
public final class Unshaded {

  private Unshaded() {}

  /** {@code "#ch.qos.logback.classic.Logger"} becomes {@code "ch.qos.logback.classic.Logger"}. */
  public static String name(String marked) {
    return marked.startsWith("#") ? marked.substring(1) : marked;
  }

  /** {@link #name} applied to each element. */
  public static String[] names(String... marked) {
    String[] names = new String[marked.length];
    for (int i = 0; i < marked.length; i++) {
      names[i] = name(marked[i]);
    }
    return names;
  }
}
