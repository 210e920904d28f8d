package io.chatlens.instrumentation.accessor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * One step of an {@link Accessor}: a property ({@code userId}: {@code getUserId()}, {@code isUserId()},
 * {@code userId()} or the field {@code userId}) or a call of an allowed no-argument method
 * ({@code size()}). Lookups are cached per class.
 */
final class Step {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  /** Methods that only read: the only ones a configuration may call besides getters and record components. */
  private static final Set<String> READ_ONLY = Set.of("size", "length", "isEmpty", "toString", "name", "ordinal",
      "id", "value", "key", "count", "getClass");
  private static final Object MISSING = new Object();

  private final String name;
  private final boolean call;
  private final ClassValue<MethodHandle> handles = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> type) {
      return resolve(type);
    }
  };

  private Step(String name, boolean call) {
    this.name = name;
    this.call = call;
  }

  static Step parse(String text) {
    boolean call = text.endsWith("()");
    String name = call ? text.substring(0, text.length() - 2) : text;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a property name or a no-argument method call");
    }
    if (call && !READ_ONLY.contains(name) && !name.startsWith("get") && !name.startsWith("is")) {
      throw new IllegalArgumentException("'" + text + "' is not allowed: only getters (get*/is*) and "
          + String.join(", ", new java.util.TreeSet<>(READ_ONLY)) + " may be called");
    }
    return new Step(name, call);
  }

  Object apply(Object target) {
    if (!call && target instanceof Map<?, ?> map) {
      return map.get(name);
    }
    if (name.equals("size") && target instanceof Collection<?> collection) {
      return collection.size();
    }
    if (name.equals("length") && target.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(target);
    }
    MethodHandle handle = handles.get(target.getClass());
    if (handle == null) {
      return null;
    }
    try {
      Object value = handle.invoke(target);
      return value == MISSING ? null : value;
    } catch (Throwable failed) {
      return null;
    }
  }

  private MethodHandle resolve(Class<?> type) {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    String[] candidates = call ? new String[] {name} : new String[] {"get" + capitalized, "is" + capitalized, name};
    for (String candidate : candidates) {
      Method method = publicMethod(type, candidate);
      if (method != null) {
        try {
          method.setAccessible(true);
          return MethodHandles.lookup().unreflect(method);
        } catch (RuntimeException | IllegalAccessException notAccessible) {
          try {
            return lookup.unreflect(method);
          } catch (IllegalAccessException ignored) {
            // try the next candidate
          }
        }
      }
    }
    if (!call) {
      for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
        try {
          Field field = current.getDeclaredField(name);
          if (!Modifier.isStatic(field.getModifiers())) {
            field.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(field);
          }
        } catch (NoSuchFieldException next) {
          // look in the superclass
        } catch (RuntimeException | IllegalAccessException inaccessible) {
          return null;
        }
      }
    }
    return null;
  }

  private static Method publicMethod(Class<?> type, String name) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      try {
        Method method = current.getDeclaredMethod(name);
        if (!Modifier.isStatic(method.getModifiers()) && method.getReturnType() != void.class) {
          return method;
        }
      } catch (NoSuchMethodException next) {
        // look further up
      } catch (SecurityException | LinkageError unreadable) {
        return null;
      }
    }
    try {
      Method method = type.getMethod(name);
      return method.getReturnType() == void.class ? null : method;
    } catch (NoSuchMethodException | SecurityException | LinkageError missing) {
      return null;
    }
  }

  static final ConcurrentMap<String, Step> CACHE = new ConcurrentHashMap<>();
}
