package io.chatlens.instrumentation.core;

/**
 * One component in one place: what it observes, the methods it selects when none are configured, and the handler
 * that records its calls. Each component package has one (for example {@code turn.TurnUnit}); the agent loops over
 * {@code io.chatlens.instrumentation.ComponentUnits#ALL} and names no component itself.
 *
 * <p>Rules for a unit's handler, as for every advice path:
 * <ul>
 *   <li>it never throws into the application (the dispatcher catches, counts and goes on);</li>
 *   <li>it reads only what the configuration names or the documented heuristics allow (no iteration of lazy
 *       collections, no calls with side effects);</li>
 *   <li>everything it keeps is bounded, and what it drops is counted.</li>
 * </ul>
 */
public interface ComponentUnit {

  /** The component this unit implements. */
  Component component();

  /** One line for the banner and the docs, e.g. "handle one user message". */
  String description();

  /**
   * The methods selected when {@code chatlens.instrument.<key>} is not set and auto-detect is on, as
   * {@code Class#method} patterns separated by {@code ;}; empty for a component that is not selected by patterns.
   */
  default String conventions() {
    return "";
  }

  /**
   * Whether the conventions name library types (fully qualified interfaces or base classes, such as an LLM client
   * library's chat model): they then also select classes in library packages, including every implementation of the
   * named types. Application conventions ({@code *SessionManager}) never select library classes.
   */
  default boolean conventionsNameLibraryTypes() {
    return false;
  }

  /** The role of a selected method whose pattern names none; by default none. */
  default MethodRoles roles() {
    return MethodRoles.NONE;
  }

  /** Whether {@code chatlens.instrument.<key>} lists {@code Class#method} patterns for this component. */
  default boolean selectedByPatterns() {
    return !conventions().isEmpty();
  }

  /** The documentation of {@code chatlens.instrument.<key>} (the generated configuration reference shows it). */
  default String patternsDescription() {
    return "";
  }

  /**
   * The configuration keys this unit declares for itself (beyond {@code chatlens.instrument.<key>}): validated with
   * the rest of agent.properties, listed in the generated reference, read by the handler with
   * {@link UnitContext#value(UnitKey)}.
   */
  default java.util.List<UnitKey<?>> keys() {
    return java.util.List.of();
  }

  /**
   * Span attribute and log field names of this component that hold counts although the redaction deny list would take
   * them for secrets (a name containing "token"): they are exported as they are. Their values must never be text.
   */
  default java.util.Set<String> countFields() {
    return java.util.Set.of();
  }

  /**
   * Span attributes of this component whose values the agent writes from its own vocabulary (one of a few fixed
   * words, a hash, a SQL keyword), never from application text. The export does not scan them for secrets: on the
   * demo that is half of the string attributes of a span. Unless a deny-list key matches them or custom redaction
   * patterns are configured, which restores the scan.
   */
  default java.util.Set<String> vocabularyAttributes() {
    return java.util.Set.of();
  }

  /** The handler that records this component's calls. */
  ComponentHandler handler(UnitContext context);
}
