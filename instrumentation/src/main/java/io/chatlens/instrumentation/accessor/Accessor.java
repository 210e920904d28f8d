package io.chatlens.instrumentation.accessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value path written in agent.properties: {@code arg0}, {@code arg1.userId}, {@code return.id},
 * {@code return.size()}, {@code this.sessionId}. It is not code: a root ({@code argN}, {@code return} or
 * {@code this}) followed by property reads and calls of a few read-only no-argument methods, resolved by
 * reflection and cached. Configuration can never inject code through it.
 */
public final class Accessor {

  /** Where the path starts. */
  public enum Root { ARGUMENT, RETURN, THIS }

  private final String text;
  private final Root root;
  private final int argumentIndex;
  private final List<Step> steps;

  private Accessor(String text, Root root, int argumentIndex, List<Step> steps) {
    this.text = text;
    this.root = root;
    this.argumentIndex = argumentIndex;
    this.steps = steps;
  }

  /** Parses a path; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Accessor parse(String text) {
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
    return new Accessor(trimmed, root, index, List.copyOf(steps));
  }

  /** Reads the value; {@code null} when any step is missing or fails. Never throws. */
  public Object read(Object self, Object[] args, Object returned) {
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

  /** Whether the value is only known after the method returned. */
  public boolean needsReturnValue() {
    return root == Root.RETURN;
  }

  public Root root() {
    return root;
  }

  @Override
  public String toString() {
    return text;
  }
}
