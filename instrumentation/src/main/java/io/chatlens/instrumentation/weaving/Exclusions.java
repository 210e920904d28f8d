package io.chatlens.instrumentation.weaving;

import io.chatlens.instrumentation.core.Unshaded;
import java.util.ArrayList;
import java.util.List;

/**
 * Package prefixes excluded up front, on the internal class name, before anything is parsed. The JDK and
 * the agent are never woven; common libraries are skipped by conventions and wildcard patterns.
 */
public final class Exclusions {

  private static final String[] ALWAYS = {
      "java/", "javax/", "jdk/", "sun/", "com/sun/", "io/chatlens/",
  };

  private static final String[] LIBRARIES = Unshaded.names(
      "#org/slf4j/", "#ch/qos/logback/", "org/apache/", "com/fasterxml/", "org/springframework/", "io/netty/",
      "#com/google/", "#kotlin/", "#kotlinx/", "scala/", "groovy/", "org/codehaus/", "org/h2/", "com/zaxxer/",
      "org/postgresql/", "com/mysql/", "org/mariadb/", "org/sqlite/", "org/hsqldb/", "oracle/", "com/microsoft/",
      "org/hibernate/", "io/micrometer/", "#io/opentelemetry/", "#net/bytebuddy/", "org/junit/", "org/eclipse/",
      "reactor/", "io/grpc/", "#okhttp3/", "#okio/", "org/jboss/", "org/glassfish/", "jakarta/", "org/yaml/",
      "#org/snakeyaml/", "org/json/", "com/ibm/", "org/aspectj/", "org/objectweb/", "org/gradle/",
      "org/assertj/", "org/mockito/", "org/awaitility/", "com/github/tomakehurst/", "org/wiremock/",
      "io/undertow/", "org/xml/", "org/w3c/", "#io/prometheus/", "com/codahale/", "io/dropwizard/",
      "io/vertx/", "io/quarkus/", "io/micronaut/", "#org/jetbrains/", "#org/intellij/", "lombok/");

  private final String[] userExcludes;

  public Exclusions(List<String> userPackagePrefixes) {
    List<String> prefixes = new ArrayList<>();
    for (String prefix : userPackagePrefixes) {
      String internal = prefix.trim().replace('.', '/');
      if (!internal.isEmpty()) {
        prefixes.add(internal.endsWith("/") ? internal : internal + "/");
      }
    }
    this.userExcludes = prefixes.toArray(new String[0]);
  }

  /** The JDK, the agent, generated proxies and user exclusions: never woven. */
  public boolean always(String internalName) {
    return startsWithAny(internalName, ALWAYS) || startsWithAny(internalName, userExcludes)
        || internalName.contains("$$") || internalName.startsWith("$Proxy");
  }

  /** A common library: only scopes that include libraries may weave it. */
  public boolean library(String internalName) {
    return startsWithAny(internalName, LIBRARIES);
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
