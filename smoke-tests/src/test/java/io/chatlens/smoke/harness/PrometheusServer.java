package io.chatlens.smoke.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, 2.42) scraping one target every second,
 * for the tests that prove the agent's /metrics is scrapeable. {@code .ci/run} installs the package; the tests never do.
 */
public final class PrometheusServer implements AutoCloseable {

  private final Process process;
  private final Path directory;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  /** Starts Prometheus scraping {@code target} (host:port) as job {@code chatbot}. */
  public static PrometheusServer scraping(String target) throws Exception {
    Path binary = binary();
    Path directory = Files.createTempDirectory("chatlens-prometheus");
    Path config = directory.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  evaluation_interval: 1s",
        "scrape_configs:",
        "  - job_name: chatbot",
        "    static_configs:",
        "      - targets: ['" + target + "']",
        ""));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
    return new PrometheusServer(process, directory, port);
  }

  /** The result of an instant query, as the raw JSON Prometheus returns. */
  public String query(String promql) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(java.time.Duration.ofSeconds(10)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The state of the scrape target, from /api/v1/targets. */
  public String targets() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/targets")).timeout(java.time.Duration.ofSeconds(10)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  public String log() throws IOException {
    return Files.readString(directory.resolve("prometheus.log"));
  }

  private static Path binary() {
    return DebianPackages.command("prometheus", "prometheus");
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
  }
}
