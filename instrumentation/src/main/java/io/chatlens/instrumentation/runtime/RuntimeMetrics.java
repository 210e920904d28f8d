package io.chatlens.instrumentation.runtime;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetryBuilder;
import io.opentelemetry.instrumentation.runtimetelemetry.internal.Experimental;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * System health: JVM memory, GC, threads, classes and CPU (process and system) from
 * {@code opentelemetry-runtime-telemetry}, and the disk space of the log directory's volume as
 * {@code system.filesystem.usage} and {@code system.filesystem.utilization}.
 */
public final class RuntimeMetrics implements AutoCloseable {

  static final AttributeKey<String> STATE = AttributeKey.stringKey("system.filesystem.state");
  static final AttributeKey<String> MOUNTPOINT = AttributeKey.stringKey("system.filesystem.mountpoint");

  private final RuntimeTelemetry jvm;

  private RuntimeMetrics(RuntimeTelemetry jvm) {
    this.jvm = jvm;
  }

  public static RuntimeMetrics register(OpenTelemetry openTelemetry, Meter meter, Path logDirectory) {
    RuntimeTelemetryBuilder builder = RuntimeTelemetry.builder(openTelemetry);
    Experimental.setEmitExperimentalMetrics(builder, true);
    RuntimeTelemetry jvm = builder.build();
    registerDisk(meter, logDirectory);
    registerUptime(meter);
    return new RuntimeMetrics(jvm);
  }

  /**
   * {@code process.uptime} (semantic conventions; Prometheus {@code process_uptime_seconds}): the exported rules
   * tell a chatbot that has just started, whose counters are all new, from one Prometheus sees for the first time.
   */
  private static void registerUptime(Meter meter) {
    java.lang.management.RuntimeMXBean runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
    meter.gaugeBuilder("process.uptime").setUnit("s")
        .setDescription("The time the process has been running.")
        .buildWithCallback(measurement -> measurement.record(runtime.getUptime() / 1000.0));
  }

  private static void registerDisk(Meter meter, Path logDirectory) {
    meter.upDownCounterBuilder("system.filesystem.usage").setUnit("By")
        .setDescription("Space used and free on the volume of the log directory.")
        .buildWithCallback(measurement -> {
          FileStore store = store(logDirectory);
          if (store == null) {
            return;
          }
          try {
            long total = store.getTotalSpace();
            long free = store.getUsableSpace();
            String mount = mountpoint(logDirectory);
            measurement.record(free, Attributes.of(STATE, "free", MOUNTPOINT, mount));
            measurement.record(total - free, Attributes.of(STATE, "used", MOUNTPOINT, mount));
          } catch (IOException unreadable) {
            // no data this time
          }
        });
    meter.gaugeBuilder("system.filesystem.utilization").setUnit("1")
        .setDescription("Fraction of the log directory's volume in use.")
        .buildWithCallback(measurement -> {
          FileStore store = store(logDirectory);
          if (store == null) {
            return;
          }
          try {
            long total = store.getTotalSpace();
            if (total > 0) {
              measurement.record((total - store.getUsableSpace()) / (double) total,
                  Attributes.of(MOUNTPOINT, mountpoint(logDirectory)));
            }
          } catch (IOException unreadable) {
            // no data this time
          }
        });
  }

  private static FileStore store(Path directory) {
    Path existing = directory.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return existing == null ? null : Files.getFileStore(existing);
    } catch (IOException | RuntimeException unavailable) {
      return null;
    }
  }

  private static String mountpoint(Path directory) {
    FileStore store = store(directory);
    String text = store == null ? "" : store.toString();
    int paren = text.indexOf(" (");
    return paren > 0 ? text.substring(0, paren) : directory.toAbsolutePath().toString();
  }

  @Override
  public void close() {
    jvm.close();
  }
}
