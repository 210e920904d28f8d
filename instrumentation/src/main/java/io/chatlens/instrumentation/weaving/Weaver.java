package io.chatlens.instrumentation.weaving;

import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.ProbeRegistry;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves {@link ProbeAdvice} into the methods that the {@link WeavingScope}s choose.
 *
 * <p>{@link #install} only registers the cheap {@link PrefilterTransformer}; {@link #prepare} builds Byte
 * Buddy, which takes a few hundred milliseconds and runs on the agent's background thread. A candidate
 * class loaded before that waits for it (up to {@code chatlens.init.timeout}).
 */
public final class Weaver {

  static final ThreadLocal<Candidate> CURRENT = new ThreadLocal<>();

  private final Instrumentation instrumentation;
  private final List<WeavingScope> scopes;
  private final Exclusions exclusions;
  private final ProbeRegistry registry;
  private final WeavingListener listener;
  private final PrefilterTransformer prefilter;

  private Weaver(Instrumentation instrumentation, List<WeavingScope> scopes, Exclusions exclusions,
      ProbeRegistry registry, long readyTimeoutMillis, WeavingListener listener) {
    this.instrumentation = instrumentation;
    this.scopes = List.copyOf(scopes);
    this.exclusions = exclusions;
    this.registry = registry;
    this.listener = listener;
    this.prefilter = new PrefilterTransformer(this.scopes, exclusions, readyTimeoutMillis, listener);
  }

  /** Registers the prefilter with the JVM. Cheap; safe to call from premain. */
  public static Weaver install(Instrumentation instrumentation, List<WeavingScope> scopes, Exclusions exclusions,
      ProbeRegistry registry, long readyTimeoutMillis, WeavingListener listener) {
    Weaver weaver = new Weaver(instrumentation, scopes, exclusions, registry, readyTimeoutMillis, listener);
    instrumentation.addTransformer(weaver.prefilter, true);
    return weaver;
  }

  private volatile ClassFileTransformer byteBuddy;

  /** Builds Byte Buddy (a few hundred milliseconds of class loading); call {@link #activate} next. */
  public void prepare() {
    Advice advice = Advice.withCustomMapping().bind(new ProbeIdBinding()).to(ProbeAdvice.class);
    Advice constructorAdvice = Advice.withCustomMapping().bind(new ProbeIdBinding()).to(ConstructorAdvice.class);
    Advice mdcAdvice = Advice.to(MdcAdvice.class);
    byteBuddy = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(AgentBuilder.PoolStrategy.Default.FAST)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
        .with(new ErrorListener(listener))
        .ignore(ElementMatchers.none())
        .type(new CurrentCandidate())
        .transform((builder, type, loader, module, domain) -> weave(builder, type, advice, constructorAdvice, mdcAdvice))
        .makeRaw();
  }

  /** Releases class loads waiting for the weaver; from now on candidates are woven. */
  public void activate() {
    if (byteBuddy == null) {
      prepare();
    }
    prefilter.ready(byteBuddy);
  }

  /** Gives up on weaving (initialisation failed): waiting class loads proceed untouched. */
  public void abandon() {
    prefilter.failed();
  }

  /** Removes the transformer; woven classes keep their advice, which becomes a no-op once the bridge is cleared. */
  public void uninstall() {
    instrumentation.removeTransformer(prefilter);
  }

  /**
   * Weaves the candidate classes that were loaded before the agent started (late attach). Their
   * hierarchy is read by reflection first, since those classes did not pass through the prefilter.
   *
   * @return the number of classes retransformed
   */
  public int retransformLoaded() {
    Class<?>[] loaded = instrumentation.getAllLoadedClasses();
    Map<Class<?>, Set<TypeMarkers.Root>> memo = new HashMap<>();
    List<Class<?>> targets = new ArrayList<>();
    for (Class<?> type : loaded) {
      if (!eligible(type)) {
        continue;
      }
      String internal = type.getName().replace('.', '/');
      Set<TypeMarkers.Root> roots = rootsOf(type, memo);
      if (!roots.isEmpty()) {
        prefilter.markers().mark(internal, roots);
      }
    }
    for (Class<?> type : loaded) {
      if (eligible(type) && prefilter.candidate(type.getName().replace('.', '/'), null) != null
          || eligible(type) && !rootsOfDirect(type).isEmpty()) {
        targets.add(type);
      }
    }
    int done = 0;
    for (Class<?> target : targets) {
      try {
        instrumentation.retransformClasses(target);
        done++;
      } catch (Throwable fault) {
        listener.onError(target.getName(), fault);
      }
    }
    return done;
  }

  private boolean eligible(Class<?> type) {
    return !type.isArray() && !type.isPrimitive() && !type.isHidden() && instrumentation.isModifiableClass(type)
        && !exclusions.always(type.getName().replace('.', '/'));
  }

  private Set<TypeMarkers.Root> rootsOfDirect(Class<?> type) {
    return prefilter.markers().rootsOf(directSupertypes(type));
  }

  private Set<TypeMarkers.Root> rootsOf(Class<?> type, Map<Class<?>, Set<TypeMarkers.Root>> memo) {
    Set<TypeMarkers.Root> known = memo.get(type);
    if (known != null) {
      return known;
    }
    memo.put(type, Collections.emptySet());
    Set<TypeMarkers.Root> roots = new HashSet<>(prefilter.markers().rootsOf(directSupertypes(type)));
    List<Class<?>> supertypes = new ArrayList<>();
    if (type.getSuperclass() != null) {
      supertypes.add(type.getSuperclass());
    }
    Collections.addAll(supertypes, type.getInterfaces());
    for (Class<?> supertype : supertypes) {
      roots.addAll(rootsOf(supertype, memo));
    }
    memo.put(type, roots);
    return roots;
  }

  private static String[] directSupertypes(Class<?> type) {
    List<String> names = new ArrayList<>();
    if (type.getSuperclass() != null) {
      names.add(type.getSuperclass().getName().replace('.', '/'));
    }
    for (Class<?> face : type.getInterfaces()) {
      names.add(face.getName().replace('.', '/'));
    }
    return names.toArray(new String[0]);
  }

  private DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type, Advice advice,
      Advice constructorAdvice, Advice mdcAdvice) {
    Candidate candidate = CURRENT.get();
    if (candidate == null) {
      return builder;
    }
    Map<String, Integer> ids = ProbeIdBinding.PENDING.get();
    ids.clear();
    Map<String, Probe> chosen = new LinkedHashMap<>();
    Map<String, WeavingScope.AdviceKind> kinds = new HashMap<>();
    for (WeavingScope scope : candidate.byName()) {
      choose(scope, type, null, chosen, kinds);
    }
    for (TypeMarkers.Root root : candidate.byHierarchy()) {
      choose(root.scope(), type, root.type(), chosen, kinds);
    }
    if (chosen.isEmpty()) {
      return builder;
    }
    for (Map.Entry<String, Probe> entry : chosen.entrySet()) {
      ids.put(entry.getKey(), entry.getValue().id());
    }
    listener.onWoven(type.getName(), List.copyOf(chosen.values()));
    return builder
        .visit(advice.on(chosenWith(kinds, WeavingScope.AdviceKind.PROBE)))
        .visit(constructorAdvice.on(chosenWith(kinds, WeavingScope.AdviceKind.CONSTRUCTOR)))
        .visit(mdcAdvice.on(chosenWith(kinds, WeavingScope.AdviceKind.MDC)));
  }

  private static ElementMatcher.Junction<MethodDescription> chosenWith(Map<String, WeavingScope.AdviceKind> kinds,
      WeavingScope.AdviceKind kind) {
    Set<String> keys = new HashSet<>();
    kinds.forEach((key, value) -> {
      if (value == kind) {
        keys.add(key);
      }
    });
    return new ElementMatcher.Junction.AbstractBase<>() {
      @Override
      public boolean matches(MethodDescription method) {
        return keys.contains(ProbeIdBinding.key(method));
      }
    };
  }

  /**
   * Weaves the JDK classes that scopes asked for (such as ThreadPoolExecutor's constructors). The JDK's
   * own module is first allowed to read the bridge on the bootstrap class path.
   *
   * @return the number of JDK classes woven
   */
  public int weaveJdkTypes(Module bridgeModule) {
    int woven = 0;
    for (WeavingScope scope : scopes) {
      for (String internalName : scope.jdkTypes()) {
        try {
          Class<?> type = Class.forName(internalName.replace('/', '.'), false, null);
          if (!type.getModule().canRead(bridgeModule)) {
            instrumentation.redefineModule(type.getModule(), Set.of(bridgeModule), java.util.Map.of(),
                java.util.Map.of(), Set.of(), java.util.Map.of());
          }
          instrumentation.retransformClasses(type);
          woven++;
        } catch (Throwable fault) {
          listener.onError(internalName, fault);
        }
      }
    }
    return woven;
  }

  private void choose(WeavingScope scope, TypeDescription type, String root, Map<String, Probe> chosen,
      Map<String, WeavingScope.AdviceKind> kinds) {
    for (WeavingScope.Choice choice : scope.choose(type, root)) {
      MethodDescription.InDefinedShape method = choice.method();
      String key = ProbeIdBinding.key(method);
      if (!chosen.containsKey(key) && WeavingScope.weavable(method)) {
        chosen.put(key, registry.register(scope.component(), type.getName(), method.getName(),
            method.getDescriptor(), choice.role(), scope.name(), method.getParameters().size()));
        kinds.put(key, choice.advice());
      }
    }
  }

  /** Matches exactly the class the prefilter handed over on this thread. */
  private static final class CurrentCandidate implements ElementMatcher<TypeDescription> {
    @Override
    public boolean matches(TypeDescription type) {
      Candidate candidate = CURRENT.get();
      return candidate != null && candidate.internalName().equals(type.getInternalName());
    }
  }

  /** Forwards Byte Buddy's weaving errors. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    private final WeavingListener listener;

    ErrorListener(WeavingListener listener) {
      this.listener = listener;
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
      listener.onError(typeName, throwable);
    }
  }
}
