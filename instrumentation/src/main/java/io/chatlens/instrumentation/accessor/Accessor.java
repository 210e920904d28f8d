package io.chatlens.instrumentation.accessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value path written in agent.properties: {@code arg0}, {@code arg1.userId}, {@code return.id},
 * {@code return.size()}, {@code this.sessionId}. It is not code: a root ({@code argN}, {@code return} or
 * {@code this}) followed by property reads and calls of a few read-only no-argument methods, resolved by
 * reflection and cached. Configuration can never inject code through it.
 *
 * <p>Alternatives separated by {@code |} are tried in order and the first non-null value wins, so one key
 * can serve methods of different shapes: {@code return.handle | arg0.handle | arg0}.
 */
public final class Accessor {

  /** Where the path starts. */
  public enum Root { ARGUMENT, RETURN, THIS }

  private final String text;
  private final Root root;
  private final int argumentIndex;
  private final List<Step> steps;
  private final Accessor alternative;

  private Accessor(String text, Root root, int argumentIndex, List<Step> steps, Accessor alternative) {
    this.text = text;
    this.root = root;
    this.argumentIndex = argumentIndex;
    this.steps = steps;
    this.alternative = alternative;
  }

  /** Parses a path; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Accessor parse(String text) {
    int bar = text.indexOf('|');
    if (bar >= 0) {
      Accessor first = parse(text.substring(0, bar));
      Accessor rest = parse(text.substring(bar + 1));
      return new Accessor(text.trim(), first.root, first.argumentIndex, first.steps, rest);
    }
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty accessor");
    }
    String[] parts = trimmed.split("\\.", -1);
    String first = parts[0].toLowerCase(Locale.ROOT);
    Root root;
    int index = -1;
    if (first.equals("return")) {
      root = Root.RETURN;
    } else if (first.equals("this")) {
      root = Root.THIS;
    } else if (first.matches("arg[0-9]{1,2}")) {
      root = Root.ARGUMENT;
      index = Integer.parseInt(first.substring(3));
    } else {
      throw new IllegalArgumentException("'" + parts[0] + "' must be argN, return or this");
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      steps.add(Step.parse(parts[i]));
    }
    return new Accessor(trimmed, root, index, List.copyOf(steps), null);
  }

  /** Reads the value; {@code null} when every alternative is missing or fails. Never throws. */
  public Object read(Object self, Object[] args, Object returned) {
    Object value = readOne(self, args, returned);
    return value != null || alternative == null ? value : alternative.read(self, args, returned);
  }

  /** Reads only the alternatives that do not need the return value (before the method returned). */
  public Object readBeforeReturn(Object self, Object[] args) {
    Object value = root == Root.RETURN ? null : readOne(self, args, null);
    return value != null || alternative == null ? value : alternative.readBeforeReturn(self, args);
  }

  private Object readOne(Object self, Object[] args, Object returned) {
    Object value;
    switch (root) {
      case RETURN -> value = returned;
      case THIS -> value = self;
      default -> value = args != null && argumentIndex < args.length ? args[argumentIndex] : null;
    }
    for (int i = 0; i < steps.size() && value != null; i++) {
      value = steps.get(i).apply(value);
    }
    return value;
  }

  /** Whether the value is only known after the method returned (every alternative reads the return value). */
  public boolean needsReturnValue() {
    return root == Root.RETURN && (alternative == null || alternative.needsReturnValue());
  }

  public Root root() {
    return root;
  }

  @Override
  public String toString() {
    return text;
  }
}
