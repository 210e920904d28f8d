package io.chatlens.instrumentation.errors;

import java.util.ArrayList;
import java.util.List;

/** The names of a class and its superclasses, read by reflection without loading anything. */
final class ClassHierarchy {

  private ClassHierarchy() {}

  /** The binary names of the class and of each superclass below {@code java.lang.Object}, the class first. */
  static List<String> namesOf(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
      names.add(current.getName());
    }
    return names;
  }

  /**
   * The simple name of a binary class name: the part after the package and after the last {@code $} of a nested
   * class ({@code com.acme.Outer$NotFound} → {@code NotFound}). An anonymous class keeps its outer name
   * ({@code com.acme.Outer$1} → {@code Outer$1}).
   */
  static String simpleName(String binaryName) {
    String name = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    int dollar = name.lastIndexOf('$');
    if (dollar >= 0 && dollar + 1 < name.length() && !Character.isDigit(name.charAt(dollar + 1))) {
      return name.substring(dollar + 1);
    }
    return name;
  }
}
