package io.chatlens.instrumentation.errors;

import java.util.regex.Pattern;

/**
 * Rewrites the names of generated classes and methods, whose numbers and hashes change between runs, into
 * stable forms:
 *
 * <ul>
 *   <li>lambda classes {@code Foo$$Lambda$123/0x0000000800c0b8c8} and {@code Foo$$Lambda/0x…} become
 *       {@code Foo$$Lambda};</li>
 *   <li>JDK proxies {@code $Proxy42}, {@code jdk.proxy2.$Proxy42}, {@code com.sun.proxy.$Proxy7} become
 *       {@code $Proxy};</li>
 *   <li>CGLIB, ByteBuddy, Hibernate, Javassist, Mockito and Weld proxies ({@code Foo$$EnhancerBySpringCGLIB$$1a2b},
 *       {@code Foo$$SpringCGLIB$$0}, {@code Foo$ByteBuddy$abc}, {@code Foo$HibernateProxy$xyz}, …) become the
 *       proxied class {@code Foo};</li>
 *   <li>reflection accessors {@code GeneratedMethodAccessor17}, {@code GeneratedConstructorAccessor3} lose their
 *       number;</li>
 *   <li>anonymous and local classes {@code Foo$3}, {@code Foo$1Local} become {@code Foo$<anon>},
 *       {@code Foo$<anon>Local};</li>
 *   <li>methods lose a trailing {@code $<number>}: {@code lambda$handle$12} becomes {@code lambda$handle},
 *       {@code access$000} becomes {@code access}.</li>
 * </ul>
 */
final class GeneratedNames {

  private static final String LAMBDA = "$$Lambda";
  private static final String PROXY = "$Proxy";
  private static final String[] PROXY_MARKERS = {
      "$$EnhancerBy", "$$FastClassBy", "$$SpringCGLIB$$", "$$CGLIB$$", "$ByteBuddy$", "$HibernateProxy$",
      "$MockitoMock$", "_$$_jvst", "$$_javassist", "$Proxy$_$$_Weld",
  };
  private static final Pattern JDK_PROXY = Pattern.compile("\\$Proxy\\d+");
  private static final Pattern ACCESSOR = Pattern.compile("((?:^|\\.)Generated[A-Za-z]*Accessor)\\d+$");
  private static final Pattern ANONYMOUS = Pattern.compile("\\$\\d+");
  private static final Pattern METHOD_SUFFIX = Pattern.compile("(?:\\$\\d+)+$");

  private GeneratedNames() {}

  /** The stable form of a binary class name; empty for {@code null}. */
  static String className(String name) {
    if (name == null) {
      return "";
    }
    if (plain(name)) {
      return name; // most frames: no '$', '/' or accessor, so nothing to rewrite (and no regex on the error path)
    }
    String stable = stripHiddenClassSuffix(name);
    int lambda = stable.indexOf(LAMBDA);
    if (lambda >= 0) {
      return anonymous(stable.substring(0, lambda)) + LAMBDA;
    }
    if (JDK_PROXY.matcher(simpleName(stable)).matches()) {
      return PROXY;
    }
    stable = stable.substring(0, proxyMarkerIndex(stable));
    stable = ACCESSOR.matcher(stable).replaceFirst("$1");
    return anonymous(stable);
  }

  /** The stable form of a method name; empty for {@code null}. */
  static String methodName(String name) {
    if (name == null) {
      return "";
    }
    if (name.isEmpty() || !Character.isDigit(name.charAt(name.length() - 1))) {
      return name;
    }
    String stable = METHOD_SUFFIX.matcher(name).replaceFirst("");
    return stable.isEmpty() ? name : stable;
  }

  /**
   * Whether a class is generated glue (a lambda class, a JDK, CGLIB, ByteBuddy or Hibernate proxy, a reflection
   * accessor) rather than code someone wrote; such frames never count as in-app.
   */
  static boolean isGenerated(String name) {
    if (name == null || plain(name)) {
      return false;
    }
    String stable = stripHiddenClassSuffix(name);
    return stable.contains(LAMBDA)
        || JDK_PROXY.matcher(simpleName(stable)).matches()
        || proxyMarkerIndex(stable) < stable.length()
        || ACCESSOR.matcher(stable).find();
  }

  /** A name none of the rules can change: no {@code $} (lambdas, proxies, anonymous classes), no hidden-class
   * {@code /} suffix and no reflection accessor. */
  private static boolean plain(String name) {
    return name.indexOf('$') < 0 && name.indexOf('/') < 0 && !name.contains("Generated")
        && !name.contains("_jvst");
  }

  private static String stripHiddenClassSuffix(String name) {
    int slash = name.indexOf('/');
    return slash >= 0 ? name.substring(0, slash) : name;
  }

  private static int proxyMarkerIndex(String name) {
    int first = name.length();
    for (String marker : PROXY_MARKERS) {
      int index = name.indexOf(marker);
      if (index > 0 && index < first) {
        first = index;
      }
    }
    return first;
  }

  private static String anonymous(String name) {
    return ANONYMOUS.matcher(name).replaceAll("\\$<anon>");
  }

  private static String simpleName(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
