package io.chatlens.instrumentation.weaving;

import io.chatlens.instrumentation.core.Component;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * One set of methods to weave: a {@code chatlens.instrument.*} key, a naming convention, or a built-in
 * library instrumentation such as JDBC. Scopes decide cheaply, by class name or by direct supertype,
 * whether a class is a candidate; Byte Buddy then asks which of its methods to probe.
 */
public interface WeavingScope {

  /** A name for diagnostics and the banner, e.g. {@code chatlens.instrument.session}. */
  String name();

  Component component();

  /**
   * Whether classes in common library packages may match. User patterns that name a type exactly may;
   * conventions may not; JDBC must (drivers are libraries).
   */
  boolean includesLibraries();

  /** Whether a class of this binary name matches by name alone. */
  boolean matchesClassName(String binaryName);

  /** Internal names ({@code java/sql/Statement}) whose subtypes are in scope. */
  Set<String> rootTypes();

  /** Simple names whose subtypes are in scope (patterns that name a type without its package). */
  Set<String> rootSimpleNames();

  /**
   * The methods of a candidate type to probe.
   *
   * @param type the type being transformed
   * @param root the root type that made it a candidate, or {@code null} when it matched by name
   */
  List<Choice> choose(TypeDescription type, String root);

  /** One method (or constructor) to probe, with its lifecycle role and the advice it gets. */
  record Choice(MethodDescription.InDefinedShape method, String role, AdviceKind advice) {
    public Choice(MethodDescription.InDefinedShape method, String role) {
      this(method, role, method.isConstructor() ? AdviceKind.CONSTRUCTOR : AdviceKind.PROBE);
    }
  }

  /** Which advice a chosen method gets. */
  enum AdviceKind {
    /** Entry and exit, with arguments, return value and exception: {@link ProbeAdvice}. */
    PROBE,
    /** After a constructor: {@link ConstructorAdvice}. */
    CONSTRUCTOR,
    /** Rewrites a returned MDC map to add trace ids: {@link MdcAdvice}. */
    MDC
  }

  /**
   * JDK classes (internal names) this scope may weave even though the JDK is otherwise never woven; they
   * are retransformed once the weaver is active. Default: none.
   */
  default Set<String> jdkTypes() {
    return Set.of();
  }

  /** Whether a method can carry advice at all (constructors are chosen only by scopes that ask for them). */
  static boolean weavable(MethodDescription.InDefinedShape method) {
    return !method.isAbstract() && !method.isNative() && !method.isTypeInitializer()
        && !method.isSynthetic() && !method.isBridge();
  }
}
