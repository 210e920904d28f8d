package io.chatlens.instrumentation.core;

/**
 * The role a component gives a selected method whose pattern wrote none ({@code open*:create} always wins), declared
 * by its unit ({@link ComponentUnit#roles()}): the session component names lifecycle roles after the method name.
 */
@FunctionalInterface
public interface MethodRoles {

  /** Returned by {@link #roleOf} for a method that is not a call of the component at all: it is not woven. */
  String SKIP = "\u0000skip";

  /** No roles: every selected method is woven without one. */
  MethodRoles NONE = (methodName, byConvention) -> null;

  /**
   * The role of a method selected without a written role.
   *
   * @param methodName the method's name
   * @param byConvention whether a convention selected it (rather than the user's pattern)
   * @return the role, {@code null} for none, or {@link #SKIP}
   */
  String roleOf(String methodName, boolean byConvention);
}
