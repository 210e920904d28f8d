package io.chatlens.agent.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The host and process resource attributes of the semantic conventions, without DNS lookups or command
 * lines (which may hold secrets): {@code host.name}, {@code host.arch}, {@code os.type},
 * {@code os.description}, {@code process.pid}, {@code process.runtime.*}, {@code process.executable.path}.
 */
final class HostAndProcess {

  private HostAndProcess() {}

  static Resource resource(Resource base) {
    AttributesBuilder attributes = Attributes.builder();
    if (base.getAttribute(io.chatlens.instrumentation.core.Semconv.SERVICE_VERSION) == null) {
      String version = applicationVersion();
      if (version != null) {
        attributes.put(io.chatlens.instrumentation.core.Semconv.SERVICE_VERSION, version);
      }
    }
    String host = hostName();
    if (host != null) {
      attributes.put(io.chatlens.instrumentation.core.Semconv.HOST_NAME, host);
    }
    attributes.put(io.chatlens.instrumentation.core.Semconv.HOST_ARCH, System.getProperty("os.arch", "unknown"));
    attributes.put(AttributeKey.stringKey("os.type"), osType());
    attributes.put(AttributeKey.stringKey("os.description"),
        System.getProperty("os.name", "") + " " + System.getProperty("os.version", ""));
    attributes.put(io.chatlens.instrumentation.core.Semconv.PROCESS_PID, ProcessHandle.current().pid());
    attributes.put(io.chatlens.instrumentation.core.Semconv.PROCESS_RUNTIME_NAME, System.getProperty("java.runtime.name", "Java"));
    attributes.put(io.chatlens.instrumentation.core.Semconv.PROCESS_RUNTIME_VERSION, System.getProperty("java.runtime.version", ""));
    attributes.put(io.chatlens.instrumentation.core.Semconv.PROCESS_RUNTIME_DESCRIPTION,
        System.getProperty("java.vm.vendor", "") + " " + System.getProperty("java.vm.name", "") + " "
            + System.getProperty("java.vm.version", ""));
    attributes.put(io.chatlens.instrumentation.core.Semconv.PROCESS_EXECUTABLE_PATH,
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return Resource.create(attributes.build());
  }

  /** The Implementation-Version of the application's main jar ({@code java -jar app.jar}), if any. */
  static String applicationVersion() {
    String command = System.getProperty("sun.java.command", "");
    String first = command.split(" ", 2)[0];
    if (!first.endsWith(".jar")) {
      return null;
    }
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(first)) {
      java.util.jar.Manifest manifest = jar.getManifest();
      return manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  private static String hostName() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.trim();
    }
    try {
      String fromFile = Files.readString(Path.of("/etc/hostname")).trim();
      if (!fromFile.isEmpty()) {
        return fromFile;
      }
    } catch (IOException | RuntimeException unavailable) {
      // fall through
    }
    String runtimeName = ManagementFactory.getRuntimeMXBean().getName();
    int at = runtimeName.indexOf('@');
    return at >= 0 ? runtimeName.substring(at + 1) : null;
  }

  private static String osType() {
    String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (name.contains("linux")) {
      return "linux";
    }
    if (name.contains("mac") || name.contains("darwin")) {
      return "darwin";
    }
    if (name.contains("windows")) {
      return "windows";
    }
    return name.replace(' ', '_');
  }
}
