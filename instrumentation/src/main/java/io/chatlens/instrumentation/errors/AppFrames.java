package io.chatlens.instrumentation.errors;

import io.chatlens.instrumentation.core.Unshaded;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Picks the frames that say where an error happened: the top in-app frames, as {@code class.method} in their
 * {@linkplain GeneratedNames stable form}, without file names or line numbers.
 *
 * <p>Without configured app packages a frame is in-app unless its class belongs to the JDK or a common library
 * ({@code java.}, {@code org.springframework.}, {@code io.opentelemetry.}, …). With configured app packages, only
 * classes under those packages are in-app. Generated classes (lambdas, proxies, reflection accessors) are never
 * in-app.
 */
final class AppFrames {

  private static final String[] LIBRARY_PACKAGES = Unshaded.names(
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "#kotlin.", "#kotlinx.", "scala.", "groovy.", "clojure.",
      "org.springframework.", "org.apache.", "org.hibernate.", "org.eclipse.", "org.jboss.", "org.glassfish.",
      "jakarta.", "com.zaxxer.", "org.h2.", "org.postgresql.", "com.mysql.", "org.mariadb.", "org.sqlite.",
      "org.hsqldb.", "oracle.", "com.microsoft.", "org.jooq.", "#ch.qos.logback.", "#org.slf4j.", "#io.opentelemetry.",
      "#net.bytebuddy.", "io.chatlens.", "org.junit.", "junit.", "org.assertj.", "org.mockito.", "org.gradle.",
      "org.codehaus.", "com.fasterxml.", "#com.google.", "io.netty.", "reactor.", "io.reactivex.", "rx.",
      "io.grpc.", "#okhttp3.", "#okio.", "io.micrometer.", "io.undertow.", "io.vertx.", "io.quarkus.",
      "io.micronaut.", "io.smallrye.", "org.aspectj.", "org.objectweb.", "org.yaml.", "#org.snakeyaml.", "org.json.",
      "feign.", "retrofit2.", "com.github.benmanes.caffeine.", "lombok.");

  private final String[] appPackages;

  /** Frames filtered by the library list when {@code appPackagePrefixes} is null or empty, else by those. */
  AppFrames(Collection<String> appPackagePrefixes) {
    List<String> prefixes = new ArrayList<>();
    if (appPackagePrefixes != null) {
      for (String prefix : appPackagePrefixes) {
        String trimmed = prefix == null ? "" : prefix.trim();
        if (!trimmed.isEmpty()) {
          prefixes.add(trimmed.endsWith(".") ? trimmed : trimmed + ".");
        }
      }
    }
    this.appPackages = prefixes.toArray(new String[0]);
  }

  /** Whether code of this class was written by the application rather than the JDK, a library or a generator. */
  boolean isInApp(String className) {
    if (className == null || GeneratedNames.isGenerated(className)) {
      return false;
    }
    if (appPackages.length > 0) {
      return startsWithAny(className, appPackages);
    }
    return !startsWithAny(className, LIBRARY_PACKAGES);
  }

  /**
   * The top {@code limit} in-app frames of the root cause (the last throwable of {@code chain}). When the root
   * cause has none, its wrappers are tried from the nearest to the outermost. When no throwable has an in-app
   * frame, the top frames of the first throwable, from the root outwards, that has any frames.
   */
  Selection select(List<Throwable> chain, int limit) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      List<String> frames = topFrames(CauseChain.framesOf(chain.get(i)), limit, true);
      if (!frames.isEmpty()) {
        return new Selection(frames, true);
      }
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      List<String> frames = topFrames(CauseChain.framesOf(chain.get(i)), limit, false);
      if (!frames.isEmpty()) {
        return new Selection(frames, false);
      }
    }
    return new Selection(List.of(), false);
  }

  /**
   * Frames chosen for a fingerprint.
   *
   * @param frames {@code class.method}, top first
   * @param inApp whether they are in-app frames (else the top frames of some throwable, or none)
   */
  record Selection(List<String> frames, boolean inApp) {}

  private List<String> topFrames(StackTraceElement[] stack, int limit, boolean inAppOnly) {
    List<String> frames = new ArrayList<>(limit);
    for (StackTraceElement frame : stack) {
      if (frames.size() == limit) {
        break;
      }
      if (frame != null && (!inAppOnly || isInApp(frame.getClassName()))) {
        frames.add(GeneratedNames.className(frame.getClassName()) + "."
            + GeneratedNames.methodName(frame.getMethodName()));
      }
    }
    return frames;
  }

  private static boolean startsWithAny(String name, String[] prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
