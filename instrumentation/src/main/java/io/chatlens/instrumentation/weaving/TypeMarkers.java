package io.chatlens.instrumentation.weaving;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The types whose subtypes are candidates, with the root each descends from. It starts with the roots
 * that scopes name (for example {@code java/sql/Statement}) and grows as classes that descend from them are
 * loaded: superclasses always load before their subclasses, so checking the direct supertypes of each new
 * class is enough to follow the whole hierarchy.
 */
final class TypeMarkers {

  /** A root type and the scope it belongs to. */
  record Root(WeavingScope scope, String type) {}

  private static final int LIMIT = 100_000;

  private final ConcurrentMap<String, Set<Root>> byInternalName = new ConcurrentHashMap<>();
  private final Map<String, Set<Root>> bySimpleName = new ConcurrentHashMap<>();

  void seed(WeavingScope scope) {
    for (String type : scope.rootTypes()) {
      byInternalName.computeIfAbsent(type, k -> ConcurrentHashMap.newKeySet()).add(new Root(scope, type));
    }
    for (String simple : scope.rootSimpleNames()) {
      bySimpleName.computeIfAbsent(simple, k -> ConcurrentHashMap.newKeySet()).add(new Root(scope, simple));
    }
  }

  boolean isEmpty() {
    return byInternalName.isEmpty() && bySimpleName.isEmpty();
  }

  /** The roots reached through any of these direct supertypes. */
  Set<Root> rootsOf(String[] directSupertypes) {
    Set<Root> roots = null;
    for (String supertype : directSupertypes) {
      Set<Root> found = byInternalName.get(supertype);
      if (found == null && !bySimpleName.isEmpty()) {
        found = bySimpleName.get(simpleName(supertype));
      }
      if (found != null) {
        if (roots == null) {
          roots = new HashSet<>();
        }
        roots.addAll(found);
      }
    }
    return roots == null ? Collections.emptySet() : roots;
  }

  /** Records that this type descends from these roots, so its own subtypes are found. */
  void mark(String internalName, Set<Root> roots) {
    if (byInternalName.size() < LIMIT) {
      byInternalName.computeIfAbsent(internalName, k -> ConcurrentHashMap.newKeySet()).addAll(roots);
    }
  }

  static String simpleName(String internalName) {
    int slash = internalName.lastIndexOf('/');
    String simple = internalName.substring(slash + 1);
    int dollar = simple.lastIndexOf('$');
    return dollar >= 0 ? simple.substring(dollar + 1) : simple;
  }
}
