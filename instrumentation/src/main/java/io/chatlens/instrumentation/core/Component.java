package io.chatlens.instrumentation.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A part of a chatbot that ChatLens knows how to observe. Each component is defined once, by its unit
 * ({@link ComponentUnit}); the constants below are the components the core itself refers to (the turn is the root of a
 * trace, error handlers and JDBC have their own rules). A new component defines its own in its package, e.g.
 * {@code public static final Component LLM = Component.define("llm", "llm_client");} in its unit, and names it nowhere
 * else.
 */
public final class Component {

  private static final List<Component> DEFINED = new ArrayList<>();

  /** What the core does differently for a component; declared once, where the component is defined. */
  public enum Trait {
    /**
     * Its calls are turns: the root of a trace (or the child of a remote parent it continues), where the chat
     * context of the conversation starts, and counted in flight.
     */
    TURN_ROOT,
    /** Its spans are kept when load shedding leaves out the others (turns and error handlers). */
    KEPT_UNDER_SHEDDING,
    /**
     * Its calls nest per role rather than per component: a call made while a call of the same role is active records
     * nothing, but one of another role does (a pool that opens a physical connection inside getConnection).
     */
    NESTS_PER_ROLE
  }

  public static final Component TURN = define("turn", "chat_service", Trait.TURN_ROOT, Trait.KEPT_UNDER_SHEDDING);
  public static final Component SESSION = define("session", "session_manager");
  public static final Component PARSER = define("parser", "command_parser");
  public static final Component SEARCH = define("search", "search_engine");
  public static final Component DATABASE = define("database", "database_manager");
  public static final Component ERRORS = define("errors", "error_handler", Trait.KEPT_UNDER_SHEDDING);
  public static final Component JDBC = define("jdbc", "jdbc", Trait.NESTS_PER_ROLE);
  public static final Component RUNTIME = define("runtime", "runtime");
  public static final Component LOGS = define("logs", "application_logs");

  /** How many components can exist: the dispatcher keeps one handler slot per ordinal. */
  public static final int MAX = 64;

  private final String key;
  private final String module;
  private final int ordinal;
  /** One bit per {@link Trait}, by its ordinal: read on every call, so no collection. */
  private final int traits;

  private Component(String key, String module, int ordinal, int traits) {
    this.key = key;
    this.module = module;
    this.ordinal = ordinal;
    this.traits = traits;
  }

  /**
   * Defines a component once, from its unit's class initialisation.
   *
   * @param key the suffix of its {@code chatlens.instrument.*} key, lower case, e.g. {@code llm}
   * @param module the name in the log's module field and in metric labels, e.g. {@code llm_client}
   * @param traits what the core does differently for it (most components have none)
   */
  public static synchronized Component define(String key, String module, Trait... traits) {
    if (!key.matches("[a-z][a-z0-9-]*") || !module.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("component key and module are lower-case words: " + key + ", " + module);
    }
    for (Component existing : DEFINED) {
      if (existing.key.equals(key)) {
        throw new IllegalStateException("component " + key + " is defined twice");
      }
    }
    if (DEFINED.size() == MAX) {
      throw new IllegalStateException("more than " + MAX + " components");
    }
    int bits = 0;
    for (Trait trait : traits) {
      bits |= 1 << trait.ordinal();
    }
    Component component = new Component(key, module, DEFINED.size(), bits);
    DEFINED.add(component);
    return component;
  }

  /** Every component defined so far, in definition order. */
  public static synchronized List<Component> values() {
    return List.copyOf(DEFINED);
  }

  /** The name used in the log's module field and in metric labels, e.g. {@code session_manager}. */
  public String module() {
    return module;
  }

  /** The suffix of its {@code chatlens.instrument.*} key, e.g. {@code session}. */
  public String key() {
    return key;
  }

  /** Whether the core treats it in this way ({@link Trait}). */
  public boolean has(Trait trait) {
    return (traits & (1 << trait.ordinal())) != 0;
  }

  /** Its position in definition order, unique and below {@link #MAX}. */
  public int ordinal() {
    return ordinal;
  }

  /** The key in upper case, e.g. {@code SESSION}. */
  public String name() {
    return key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String toString() {
    return name();
  }
}
