package io.chatlens.instrumentation.core;

/**
 * One woven method. Created once when its class is transformed; the advice carries only its id.
 */
public final class Probe {

  private final int id;
  private final Component component;
  private final String className;
  private final String methodName;
  private final String descriptor;
  private final String role;
  private final String scope;
  private final int parameterCount;
  private final int reentrancyGroup;
  private volatile Object semantics;

  public Probe(int id, Component component, String className, String methodName, String descriptor, String role,
      String scope, int parameterCount) {
    this.id = id;
    this.component = component;
    this.className = className;
    this.methodName = methodName;
    this.descriptor = descriptor;
    this.role = role;
    this.scope = scope;
    this.parameterCount = parameterCount;
    this.reentrancyGroup = component.has(Component.Trait.NESTS_PER_ROLE) && role != null
        ? component.ordinal() * 64 + 1 + (role.hashCode() & 31) : component.ordinal() * 64;
  }

  /**
   * Calls in the same group do not nest: a call made while a call of the same group is active records
   * nothing. A component is one group; a component that {@link Component.Trait#NESTS_PER_ROLE nests per role}
   * (JDBC) has one group per role, so a pool that opens a physical connection inside getConnection still counts it.
   */
  public int reentrancyGroup() {
    return reentrancyGroup;
  }

  public int id() {
    return id;
  }

  public Component component() {
    return component;
  }

  /** Binary name of the declaring class, e.g. {@code com.acme.chat.SessionManager}. */
  public String className() {
    return className;
  }

  public String simpleClassName() {
    int dot = className.lastIndexOf('.');
    return className.substring(dot + 1);
  }

  public String methodName() {
    return methodName;
  }

  /** JVM method descriptor, e.g. {@code (Ljava/lang/String;)V}. */
  public String descriptor() {
    return descriptor;
  }

  /** The lifecycle role (session: create, update, cleanup), or {@code null}. */
  public @Nullable String role() {
    return role;
  }

  /** The configuration key or convention that selected this method. */
  public String scope() {
    return scope;
  }

  public int parameterCount() {
    return parameterCount;
  }

  /** Component-specific data computed once on first use (span name, attributes). */
  public Object semantics() {
    return semantics;
  }

  public void semantics(Object value) {
    this.semantics = value;
  }

  @Override
  public String toString() {
    return component.key() + ":" + className + "#" + methodName + descriptor;
  }
}
