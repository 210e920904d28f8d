package io.chatlens.agent.telemetry;

import io.chatlens.agent.diagnostics.Diagnostics;
import io.opentelemetry.sdk.common.export.Compressor;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * OTLP gzip at a chosen deflate level ({@code chatlens.otlp.gzip-level}, default 1).
 *
 * <p>The SDK's own gzip compressor uses the JDK's default level (6). On the chatbot benchmark a span batch is about
 * 2.8 KB of protobuf per turn; level 6 took 17 µs of exporter-thread CPU per turn to compress it, level 1 takes 6 µs
 * and the payload is 20 % larger (still a sixth of the OpenTelemetry agent's uncompressed bytes). The receiver sees the
 * same {@code Content-Encoding: gzip}.
 *
 * <p>The exporter builders take a {@link Compressor} only on their internal delegate, so the exporter that
 * autoconfigure built is rebuilt through {@code toBuilder()} with this compressor set on that delegate. The delegate
 * belongs to the OpenTelemetry version shaded into this jar; if its shape ever differs, the exporter is kept as it was
 * (level 6) and a debug line says so.
 */
final class FastGzip implements Compressor {
  private final int level;

  FastGzip(int level) {
    this.level = level;
  }

  @Override
  public String getEncoding() {
    return "gzip";
  }

  @Override
  public OutputStream compress(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, 8192) {
      {
        def.setLevel(level);
      }
    };
  }

  int level() {
    return level;
  }

  /**
   * The exporter rebuilt with this compressor when it is an OTLP exporter that compresses with gzip; otherwise the
   * exporter itself.
   *
   * @param exporter an exporter built by autoconfigure
   * @param compression the configured compression for its signal
   */
  @SuppressWarnings("unchecked")
  <T> T apply(T exporter, String compression) {
    if (level == Deflater.DEFAULT_COMPRESSION || level == 6 || !"gzip".equalsIgnoreCase(compression)
        || !exporter.getClass().getName().contains(".exporter.otlp.")) {
      return exporter;
    }
    try {
      Method toBuilder = exporter.getClass().getMethod("toBuilder");
      Object builder = toBuilder.invoke(exporter);
      Field delegateField = builder.getClass().getDeclaredField("delegate");
      delegateField.setAccessible(true);
      Object delegate = delegateField.get(builder);
      delegate.getClass().getMethod("setCompression", Compressor.class).invoke(delegate, this);
      Object rebuilt = builder.getClass().getMethod("build").invoke(builder);
      exporter.getClass().getMethod("shutdown").invoke(exporter);
      return (T) rebuilt;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Diagnostics.debug("OTLP gzip level " + level + " not applied to " + exporter.getClass().getSimpleName()
          + " (" + e + "); the SDK's default level is used");
      return exporter;
    }
  }

  /** The compression configured for a signal, as autoconfigure resolves it. */
  static String compressionOf(io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties properties, String signal) {
    String specific = properties.getString("otel.exporter.otlp." + signal + ".compression");
    return specific != null ? specific : properties.getString("otel.exporter.otlp.compression", "none");
  }
}
