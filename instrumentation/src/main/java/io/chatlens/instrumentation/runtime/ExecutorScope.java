package io.chatlens.instrumentation.runtime;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.weaving.WeavingScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * The constructors of {@link java.util.concurrent.ThreadPoolExecutor} (and so of every subclass), so the
 * application's thread pools can be held by weak references and their queue depth reported.
 */
public final class ExecutorScope implements WeavingScope {

  static final String THREAD_POOL = "java/util/concurrent/ThreadPoolExecutor";

  @Override
  public String name() {
    return "runtime";
  }

  @Override
  public Component component() {
    return Component.RUNTIME;
  }

  @Override
  public boolean includesLibraries() {
    return false;
  }

  @Override
  public boolean matchesClassName(String binaryName) {
    return false;
  }

  @Override
  public Set<String> rootTypes() {
    return Set.of();
  }

  @Override
  public Set<String> rootSimpleNames() {
    return Set.of();
  }

  @Override
  public Set<String> jdkTypes() {
    return Set.of(THREAD_POOL);
  }

  @Override
  public List<Choice> choose(TypeDescription type, String root) {
    List<Choice> choices = new ArrayList<>();
    if (!type.getInternalName().equals(THREAD_POOL)) {
      return choices;
    }
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (method.isConstructor()) {
        choices.add(new Choice(method, "constructed"));
      }
    }
    return choices;
  }
}
