package io.chatlens.instrumentation.matching;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.MethodRoles;
import io.chatlens.instrumentation.weaving.WeavingScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * One method pattern bound to one component: either written by the user under
 * {@code chatlens.instrument.<component>} or one of its unit's naming conventions ({@code ComponentUnit#conventions()}).
 */
public final class ComponentScope implements WeavingScope {

  private final Component component;
  private final MethodPattern pattern;
  private final String name;
  private final boolean convention;
  private final boolean libraryTypes;
  private final MethodRoles roles;
  private final java.util.concurrent.atomic.AtomicBoolean matched = new java.util.concurrent.atomic.AtomicBoolean();

  public ComponentScope(Component component, MethodPattern pattern, String name, boolean convention) {
    this(component, pattern, name, convention, false, MethodRoles.NONE);
  }

  /**
   * @param roles the roles of methods whose pattern names none ({@code ComponentUnit#roles()})
   * @param libraryTypes a convention that names library types exactly ({@code ComponentUnit#conventionsNameLibraryTypes}):
   *     it selects library classes and the implementations of the named types, as a user pattern does
   */
  public ComponentScope(Component component, MethodPattern pattern, String name, boolean convention,
      boolean libraryTypes, MethodRoles roles) {
    this.component = component;
    this.pattern = pattern;
    this.name = name;
    this.convention = convention;
    this.libraryTypes = libraryTypes && pattern.namesExactType();
    this.roles = roles;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Component component() {
    return component;
  }

  public MethodPattern pattern() {
    return pattern;
  }

  public boolean isConvention() {
    return convention;
  }

  /** Whether this pattern has selected at least one method so far. */
  public boolean hasMatched() {
    return matched.get();
  }

  @Override
  public boolean includesLibraries() {
    return (!convention || libraryTypes) && pattern.namesExactType();
  }

  @Override
  public boolean matchesClassName(String binaryName) {
    return pattern.matchesClassName(binaryName);
  }

  @Override
  public Set<String> rootTypes() {
    if (convention && !libraryTypes || !pattern.namesExactType() || pattern.typeName().indexOf('.') < 0) {
      return Set.of();
    }
    return Set.of(pattern.typeName().replace('.', '/'));
  }

  @Override
  public Set<String> rootSimpleNames() {
    if (convention || !pattern.namesExactType() || pattern.typeName().indexOf('.') >= 0) {
      return Set.of();
    }
    return Set.of(pattern.typeName());
  }

  @Override
  public List<Choice> choose(TypeDescription type, String root) {
    List<Choice> choices = new ArrayList<>();
    if (type.isInterface() || type.isAnnotation()) {
      return choices;
    }
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (!WeavingScope.weavable(method) || method.isConstructor() || isObjectMethod(method)) {
        continue;
      }
      MethodPattern.MethodSelector selector = pattern.selectorFor(method.getName());
      if (selector == null) {
        continue;
      }
      boolean wildcard = selector.glob().toString().equals("*");
      if ((wildcard || convention) && !method.isPublic()) {
        continue;
      }
      String role = selector.role();
      if (role == null) {
        role = roles.roleOf(method.getName(), convention);
        if (MethodRoles.SKIP.equals(role)) {
          continue; // for example a session manager's getters, which are not lifecycle events
        }
      }
      if (convention && wildcard && isAccessor(method)) {
        continue;
      }
      choices.add(new Choice(method, role));
    }
    if (!choices.isEmpty()) {
      matched.set(true);
    }
    return choices;
  }

  private static boolean isObjectMethod(MethodDescription method) {
    String name = method.getName();
    int parameters = method.getParameters().size();
    return (name.equals("toString") || name.equals("hashCode")) && parameters == 0
        || name.equals("equals") && parameters == 1;
  }

  private static boolean isAccessor(MethodDescription method) {
    String name = method.getName();
    int parameters = method.getParameters().size();
    return parameters == 0 && (name.startsWith("get") || name.startsWith("is"))
        || parameters == 1 && name.startsWith("set");
  }

  @Override
  public String toString() {
    return name + "=" + pattern;
  }
}
