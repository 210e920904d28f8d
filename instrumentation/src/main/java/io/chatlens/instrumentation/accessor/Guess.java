package io.chatlens.instrumentation.accessor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documented heuristics used when agent.properties names no accessor: ids are strings, or the
 * {@code id}/{@code sessionId}/{@code userId} property of an object; counts are collection sizes.
 */
public final class Guess {

  private static final Step ID = Step.parse("id");
  private static final Step SESSION_ID = Step.parse("sessionId");
  private static final Step USER_ID = Step.parse("userId");
  private static final Step NAME = Step.parse("name");
  private static final Step COMMAND = Step.parse("command");

  private Guess() {}

  /** The first argument that is a string. */
  public static String firstString(Object[] args) {
    if (args != null) {
      for (Object arg : args) {
        if (arg instanceof CharSequence text) {
          return text.toString();
        }
      }
    }
    return null;
  }

  /** The last string argument, when there are at least {@code minimum} string arguments. */
  public static String lastString(Object[] args, int minimum) {
    if (args == null) {
      return null;
    }
    int strings = 0;
    String last = null;
    for (Object arg : args) {
      if (arg instanceof CharSequence text) {
        strings++;
        last = text.toString();
      }
    }
    return strings >= minimum ? last : null;
  }

  public static int stringCount(Object[] args) {
    int strings = 0;
    if (args != null) {
      for (Object arg : args) {
        if (arg instanceof CharSequence) {
          strings++;
        }
      }
    }
    return strings;
  }

  /** A session id from a value: the string itself, or its {@code sessionId} or {@code id} property. */
  public static String sessionId(Object value) {
    return identifier(value, SESSION_ID, ID);
  }

  /** A user id from a value's {@code userId} property. */
  public static String userIdProperty(Object value) {
    return value == null || value instanceof CharSequence ? null : text(USER_ID.apply(value));
  }

  /** A command name: the string itself, or its {@code name} or {@code command} property. */
  public static String commandName(Object value) {
    return identifier(value, NAME, COMMAND);
  }

  /** The session id of the first argument that has one. */
  public static String sessionIdArgument(Object[] args) {
    String text = firstString(args);
    if (text != null) {
      return text;
    }
    if (args != null) {
      for (Object arg : args) {
        if (arg != null && !(arg instanceof Number) && !(arg instanceof Boolean)) {
          String id = sessionId(arg);
          if (id != null) {
            return id;
          }
        }
      }
    }
    return null;
  }

  /** What {@link #count} returns when a value cannot be counted without side effects. */
  public static final long UNKNOWN = -1;

  /**
   * How many results a value holds, read without side effects: the size of a JDK collection or map, the length of an
   * array, 0 or 1 for an optional, a JDK number itself. Anything else is never iterated or called: {@link #UNKNOWN}.
   * That covers an {@code Iterable} that may be a one-shot cursor or a stream, and a collection class that is not the
   * JDK's own (a Hibernate {@code PersistentBag}, say, whose {@code size()} can run a query), or a JDK wrapper or view
   * that may hand {@code size()} on to one (see {@link #isDelegatingView}). An accessor in
   * {@code chatlens.search.result-count} reads other shapes.
   */
  public static long count(Object value) {
    if (value == null) {
      return 0;
    }
    if (value.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(value);
    }
    if (value instanceof Optional<?> optional) {
      return optional.isPresent() ? 1 : 0;
    }
    if (!isJdkClass(value.getClass()) || isDelegatingView(value.getClass())) {
      return UNKNOWN;
    }
    if (value instanceof Collection<?> collection) {
      return collection.size();
    }
    if (value instanceof Map<?, ?> map) {
      return map.size();
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    return UNKNOWN;
  }

  /**
   * At most {@code max} elements of a value, read without side effects: the first elements of an array of objects,
   * of a JDK collection (the same classes {@link #count} counts: the JDK's own, not a wrapper or view that may hand
   * iteration on to the application's collection) or the content of an {@code Optional}; an empty list for null.
   * Anything else (an {@code Iterable} that may be a one-shot cursor, an ORM's lazy collection, a collection class of
   * the application, an array of primitives) is never iterated: {@code null}.
   */
  public static List<Object> elements(Object value, int max) {
    if (value == null || max <= 0) {
      return List.of();
    }
    Class<?> type = value.getClass();
    if (type.isArray()) {
      if (type.getComponentType().isPrimitive()) {
        return null;
      }
      Object[] array = (Object[]) value;
      return new ArrayList<>(java.util.Arrays.asList(array).subList(0, Math.min(array.length, max)));
    }
    if (value instanceof Optional<?> optional) {
      return optional.isPresent() ? List.of(optional.get()) : List.of();
    }
    if (!(value instanceof Collection<?> collection) || !isJdkClass(type) || isDelegatingView(type)) {
      return null;
    }
    List<Object> elements = new ArrayList<>(Math.min(max, 16));
    Iterator<?> iterator = collection.iterator();
    while (elements.size() < max && iterator.hasNext()) {
      elements.add(iterator.next());
    }
    return elements;
  }

  /** A class of the JDK itself (loaded by the boot or platform loader), whose size() has no side effects. */
  private static boolean isJdkClass(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null || loader == PLATFORM;
  }

  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

  /**
   * A JDK class that may hand {@code size()} on to a collection or map it wraps, which may be the application's: the
   * wrappers of {@code java.util.Collections} (unmodifiable, synchronized, checked, set-from-map; not the empty,
   * singleton and n-copies constants), the views of an {@code AbstractMap} ({@code keySet()}, {@code values()}) and
   * the sub-lists of an {@code AbstractList}. The JDK's own collections' views (a {@code HashMap}'s key set, an
   * {@code ArrayList}'s sub-list) are counted.
   */
  private static boolean isDelegatingView(Class<?> type) {
    String name = type.getName();
    if (name.startsWith("java.util.Collections$")) {
      return !(name.startsWith("java.util.Collections$Empty") || name.startsWith("java.util.Collections$Singleton")
          || name.equals("java.util.Collections$CopiesList"));
    }
    return name.startsWith("java.util.AbstractMap$") || name.startsWith("java.util.AbstractList$");
  }

  /** A feedback outcome: a boolean argument, or a word like good/bad, yes/no, correct/incorrect. */
  public static Boolean outcome(Object[] args) {
    if (args == null) {
      return null;
    }
    for (Object arg : args) {
      if (arg instanceof Boolean flag) {
        return flag;
      }
    }
    for (Object arg : args) {
      if (arg instanceof CharSequence text) {
        Boolean word = outcomeWord(text.toString());
        if (word != null) {
          return word;
        }
      }
    }
    return null;
  }

  static Boolean outcomeWord(String text) {
    switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "good", "yes", "correct", "helpful", "up", "positive", "true", "right", "1", "+1" -> {
        return Boolean.TRUE;
      }
      case "bad", "no", "incorrect", "unhelpful", "down", "negative", "false", "wrong", "0", "-1" -> {
        return Boolean.FALSE;
      }
      default -> {
        return null;
      }
    }
  }

  /** A value as text, for ids read by accessors. */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof CharSequence || value instanceof Number || value instanceof java.util.UUID
        || value instanceof Enum<?>) {
      return value.toString();
    }
    return null;
  }

  private static String identifier(Object value, Step first, Step second) {
    if (value == null) {
      return null;
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof Optional<?> optional) {
      return optional.map(inner -> identifier(inner, first, second)).orElse(null);
    }
    String found = text(first.apply(value));
    return found != null ? found : text(second.apply(value));
  }
}
