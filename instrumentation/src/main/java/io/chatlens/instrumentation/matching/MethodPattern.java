package io.chatlens.instrumentation.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code Class#method,method} pattern from agent.properties.
 *
 * <ul>
 *   <li>The class part is a fully qualified name, a simple name (any package), or a glob where {@code *}
 *       matches any run of characters, dots included: {@code com.acme.*Manager}, {@code *SessionManager}.
 *   <li>A class part without {@code *} also matches every subclass and implementation of that type, so it
 *       may name an interface or a superclass.
 *   <li>The method part is a comma-separated list of method-name globs, each optionally followed by
 *       {@code :role} ({@code open*:create,touch:update,retire*:cleanup}). Without a method part every
 *       public method declared by the class matches.
 * </ul>
 *
 * Several patterns are separated by {@code ;}.
 */
public final class MethodPattern {

  private static final Pattern JAVA_NAME = Pattern.compile("[\\p{L}_$*][\\p{L}\\p{N}_$*]*(\\.[\\p{L}_$*][\\p{L}\\p{N}_$*]*)*");
  private static final Pattern METHOD_NAME = Pattern.compile("[\\p{L}_$*][\\p{L}\\p{N}_$*]*");

  private final String text;
  private final String classPart;
  private final Glob classGlob;
  private final boolean exactType;
  private final boolean simpleName;
  private final List<MethodSelector> methods;

  private MethodPattern(String text, String classPart, List<MethodSelector> methods) {
    this.text = text;
    this.classPart = classPart;
    this.exactType = classPart.indexOf('*') < 0;
    this.simpleName = exactType && classPart.indexOf('.') < 0;
    this.classGlob = new Glob(classPart);
    this.methods = methods;
  }

  /** Parses {@code a;b;c}; throws {@link IllegalArgumentException} naming the faulty part. */
  public static List<MethodPattern> parseAll(String text) {
    List<MethodPattern> patterns = new ArrayList<>();
    for (String part : text.split(";")) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) {
        patterns.add(parse(trimmed));
      }
    }
    return Collections.unmodifiableList(patterns);
  }

  /** Parses one pattern. */
  public static MethodPattern parse(String text) {
    String trimmed = text.trim();
    int hash = trimmed.indexOf('#');
    String classPart = (hash < 0 ? trimmed : trimmed.substring(0, hash)).trim();
    if (classPart.isEmpty() || !JAVA_NAME.matcher(classPart).matches()) {
      throw new IllegalArgumentException("'" + classPart + "' is not a class name or glob");
    }
    List<MethodSelector> selectors = new ArrayList<>();
    if (hash < 0) {
      selectors.add(new MethodSelector(new Glob("*"), null));
    } else {
      for (String method : trimmed.substring(hash + 1).split(",")) {
        String name = method.trim();
        String role = null;
        int colon = name.indexOf(':');
        if (colon >= 0) {
          role = name.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
          name = name.substring(0, colon).trim();
          if (role.isEmpty()) {
            throw new IllegalArgumentException("empty role after '" + name + ":'");
          }
        }
        if (name.isEmpty() || !METHOD_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("'" + name + "' is not a method name or glob");
        }
        selectors.add(new MethodSelector(new Glob(name), role));
      }
    }
    return new MethodPattern(trimmed, classPart, Collections.unmodifiableList(selectors));
  }

  /** Whether the class part names one type, so subtypes of it match as well. */
  public boolean namesExactType() {
    return exactType;
  }

  /** The exact type named, for {@link #namesExactType()} patterns; a bare simple name has no package. */
  public String typeName() {
    return classPart;
  }

  /** Whether a class of this binary name (dots, not slashes) is matched by name alone. */
  public boolean matchesClassName(String className) {
    if (simpleName) {
      int dot = className.lastIndexOf('.');
      String simple = className.substring(dot + 1);
      int dollar = simple.lastIndexOf('$');
      return simple.equals(classPart) || (dollar >= 0 && simple.substring(dollar + 1).equals(classPart));
    }
    if (exactType) {
      return className.equals(classPart);
    }
    return classGlob.matches(className);
  }

  /** The selector matching this method name, or {@code null}. */
  public MethodSelector selectorFor(String methodName) {
    for (MethodSelector selector : methods) {
      if (selector.glob().matches(methodName)) {
        return selector;
      }
    }
    return null;
  }

  public List<MethodSelector> methods() {
    return methods;
  }

  @Override
  public String toString() {
    return text;
  }

  /** A method-name glob with an optional lifecycle role. */
  public static final class MethodSelector {
    private final Glob glob;
    private final String role;

    MethodSelector(Glob glob, String role) {
      this.glob = glob;
      this.role = role;
    }

    public Glob glob() {
      return glob;
    }

    /** The role written after {@code :}, or {@code null} when conventions decide. */
    public String role() {
      return role;
    }
  }

  /** A glob where {@code *} matches any run of characters. */
  public static final class Glob {
    private final String[] parts;
    private final boolean leading;
    private final boolean trailing;
    private final String text;

    public Glob(String text) {
      this.text = text;
      this.leading = text.startsWith("*");
      this.trailing = text.endsWith("*");
      List<String> pieces = new ArrayList<>();
      for (String piece : text.split("\\*")) {
        if (!piece.isEmpty()) {
          pieces.add(piece);
        }
      }
      this.parts = pieces.toArray(new String[0]);
    }

    public boolean matches(String value) {
      if (parts.length == 0) {
        return leading || value.isEmpty();
      }
      int position = 0;
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i];
        if (i == 0 && !leading) {
          if (!value.startsWith(part)) {
            return false;
          }
          position = part.length();
        } else if (i == parts.length - 1 && !trailing) {
          return value.length() - part.length() >= position && value.endsWith(part);
        } else {
          int found = value.indexOf(part, position);
          if (found < 0) {
            return false;
          }
          position = found + part.length();
        }
      }
      return trailing || position == value.length();
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
