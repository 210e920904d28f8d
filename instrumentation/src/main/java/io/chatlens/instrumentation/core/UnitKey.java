package io.chatlens.instrumentation.core;

import java.util.function.Function;

/**
 * One configuration key a {@link ComponentUnit} declares for itself: its name, what it accepts, its default and its
 * documentation. The agent validates it with the rest of agent.properties (one clear error naming the file, key, value
 * and what is allowed), lists it in the generated reference, and hands the parsed value to the unit's handler through
 * {@link UnitContext#value(UnitKey)}.
 *
 * @param name the full key, e.g. {@code chatlens.llm.prices}
 * @param section the section of the generated reference it is listed under
 * @param defaultValue the value when the key is not set (may be empty)
 * @param allowed what the key accepts, in words, for the error message and the reference
 * @param description the documentation line of the generated reference
 * @param parser parses a raw value; throws {@link IllegalArgumentException} when it is not allowed
 * @param <T> the parsed type
 */
public record UnitKey<T>(String name, String section, String defaultValue, String allowed, String description,
    Function<String, T> parser) {

  /** A {@code true}/{@code false} key. */
  public static UnitKey<Boolean> bool(String name, String section, boolean defaultValue, String description) {
    return new UnitKey<>(name, section, Boolean.toString(defaultValue), "true or false", description, raw -> {
      String value = raw.trim();
      if (value.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (value.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
      throw new IllegalArgumentException();
    });
  }

  /** A key whose value is any text, trimmed. */
  public static UnitKey<String> text(String name, String section, String defaultValue, String description) {
    return new UnitKey<>(name, section, defaultValue, "any text", description, String::trim);
  }

  /** A non-empty text. */
  public static UnitKey<String> nonEmptyText(String name, String section, String defaultValue, String description) {
    return new UnitKey<>(name, section, defaultValue, "a non-empty text", description, raw -> {
      String value = raw.trim();
      if (value.isEmpty()) {
        throw new IllegalArgumentException();
      }
      return value;
    });
  }

  /** An integer from {@code min} to {@code max}. */
  public static UnitKey<Integer> integer(String name, String section, int defaultValue, int min, int max,
      String description) {
    return new UnitKey<>(name, section, Integer.toString(defaultValue), "an integer from " + min + " to " + max,
        description, raw -> {
          int value = Integer.parseInt(raw.trim());
          if (value < min || value > max) {
            throw new IllegalArgumentException();
          }
          return value;
        });
  }

  /** A duration such as {@code 500ms} ({@link DurationText}); an empty default means not set ({@code null}). */
  public static UnitKey<java.time.Duration> duration(String name, String section, String defaultValue,
      String description) {
    return new UnitKey<>(name, section, defaultValue, "a duration such as 250ms, 30s, 5m, 2h or 7d", description, raw -> {
      if (raw.isBlank()) {
        return null;
      }
      java.time.Duration value = DurationText.parse(raw);
      if (value.isNegative()) {
        throw new IllegalArgumentException();
      }
      return value;
    });
  }

  /** A value path ({@link io.chatlens.instrumentation.accessor.Accessor}); not set means the documented heuristics. */
  public static UnitKey<io.chatlens.instrumentation.accessor.Accessor> accessor(String name, String section,
      String description) {
    return new UnitKey<>(name, section, "", "a value path: arg0..argN, return or this, then .property or .getter() "
        + "steps, e.g. arg1.userId or return.size()", description,
        raw -> raw.isBlank() ? null : io.chatlens.instrumentation.accessor.Accessor.parse(raw));
  }

  /** Parses a raw value ({@code null} or blank: the default). */
  public T parse(String raw) {
    return parser.apply(raw == null || raw.isBlank() ? defaultValue : raw);
  }
}
