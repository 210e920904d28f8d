package io.chatlens.instrumentation.weaving;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The only transformer registered with the JVM. It decides, from the class name and its direct supertypes
 * alone, whether a class can be a candidate; every other class is returned untouched without Byte Buddy
 * ever seeing it. This keeps the per-class cost at startup to a few string comparisons, and lets Byte
 * Buddy itself be initialised in the background.
 */
public final class PrefilterTransformer implements ClassFileTransformer {

  private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

  private final List<WeavingScope> scopes;
  private final Exclusions exclusions;
  private final TypeMarkers markers = new TypeMarkers();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final long readyTimeoutMillis;
  private final WeavingListener listener;
  private volatile ClassFileTransformer delegate;
  private volatile boolean timeoutReported;

  PrefilterTransformer(List<WeavingScope> scopes, Exclusions exclusions, long readyTimeoutMillis,
      WeavingListener listener) {
    this.scopes = scopes;
    this.exclusions = exclusions;
    this.readyTimeoutMillis = readyTimeoutMillis;
    this.listener = listener;
    for (WeavingScope scope : scopes) {
      markers.seed(scope);
    }
  }

  /** Hands over to Byte Buddy once it is built; classes waiting for it proceed. */
  void ready(ClassFileTransformer byteBuddy) {
    this.delegate = byteBuddy;
    ready.countDown();
  }

  /** Gives up waiting: from now on candidates are left untouched. */
  void failed() {
    ready.countDown();
  }

  TypeMarkers markers() {
    return markers;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (className == null || BUSY.get() != null) {
      return null;
    }
    try {
      Candidate candidate = candidate(className, classfileBuffer);
      if (candidate == null) {
        return null;
      }
      ClassFileTransformer byteBuddy = delegate;
      if (byteBuddy == null) {
        // JDK classes are woven later by an explicit retransformation, and the agent's own threads must never
        // wait for the agent: only application classes wait for the weaver.
        if (exclusions.always(className) || Thread.currentThread().getName().startsWith("chatlens")) {
          return null;
        }
        byteBuddy = awaitDelegate();
      }
      if (byteBuddy == null) {
        return null;
      }
      BUSY.set(Boolean.TRUE);
      Weaver.CURRENT.set(candidate);
      try {
        return byteBuddy.transform(module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
      } finally {
        Weaver.CURRENT.remove();
        ProbeIdBinding.PENDING.get().clear();
        BUSY.remove();
      }
    } catch (Throwable fault) {
      listener.onError(className, fault);
      return null;
    }
  }

  @Override
  public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    return transform(null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  /** Whether this class must go to Byte Buddy, or {@code null}. Cheap: no parsing beyond the header. */
  Candidate candidate(String internalName, byte[] bytes) {
    if (exclusions.always(internalName)) {
      List<WeavingScope> jdk = null;
      for (WeavingScope scope : scopes) {
        if (scope.jdkTypes().contains(internalName)) {
          if (jdk == null) {
            jdk = new ArrayList<>(1);
          }
          jdk.add(scope);
        }
      }
      return jdk == null ? null : new Candidate(internalName, jdk, Set.of());
    }
    boolean library = exclusions.library(internalName);
    String binaryName = null;
    List<WeavingScope> byName = null;
    for (WeavingScope scope : scopes) {
      if (library && !scope.includesLibraries()) {
        continue;
      }
      if (binaryName == null) {
        binaryName = internalName.replace('/', '.');
      }
      if (scope.matchesClassName(binaryName)) {
        if (byName == null) {
          byName = new ArrayList<>(2);
        }
        byName.add(scope);
      }
    }
    Set<TypeMarkers.Root> roots = Set.of();
    if (!markers.isEmpty() && bytes != null) {
      roots = markers.rootsOf(ClassHeader.directSupertypes(bytes));
      if (library && !roots.isEmpty()) {
        roots.removeIf(root -> !root.scope().includesLibraries());
      }
      if (!roots.isEmpty()) {
        markers.mark(internalName, roots);
      }
    }
    if (byName == null && roots.isEmpty()) {
      return null;
    }
    return new Candidate(internalName, byName == null ? List.of() : byName, roots);
  }

  private ClassFileTransformer awaitDelegate() throws InterruptedException {
    ClassFileTransformer current = delegate;
    if (current != null) {
      return current;
    }
    if (!ready.await(readyTimeoutMillis, TimeUnit.MILLISECONDS) && !timeoutReported) {
      timeoutReported = true;
      listener.onWarning("the agent was not ready within chatlens.init.timeout; classes loaded meanwhile are not instrumented");
    }
    return delegate;
  }
}
