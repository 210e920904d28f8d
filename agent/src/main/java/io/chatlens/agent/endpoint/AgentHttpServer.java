package io.chatlens.agent.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The agent's HTTP endpoint: {@code /metrics} in the Prometheus text format and {@code /health} as JSON.
 * One daemon thread serves it. If the port is taken the agent logs one warning and runs without it.
 */
public final class AgentHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService executor;

  private AgentHttpServer(HttpServer server, java.util.concurrent.ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the endpoint, or returns {@code null} (after one warning) when it cannot bind. */
  public static AgentHttpServer start(String host, int port, PullMetricReader metrics, Resource resource,
      HealthReport health) {
    return start(host, port, metrics, resource, health, java.util.Map.of());
  }

  /** As above, with more JSON views by path ({@code /errors}). */
  public static AgentHttpServer start(String host, int port, PullMetricReader metrics, Resource resource,
      HealthReport health, java.util.Map<String, java.util.function.Supplier<String>> jsonViews) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
      java.util.concurrent.ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "chatlens-http");
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(executor);
      server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
          PrometheusText.render(metrics.collect(), resource)));
      server.createContext("/health", exchange -> respond(exchange, "UP".equals(health.status()) ? 200 : 503,
          "application/json", health.json()));
      jsonViews.forEach((path, view) -> server.createContext(path, exchange -> {
        if (!path.equals(exchange.getRequestURI().getPath())) {
          respond(exchange, 404, "text/plain; charset=utf-8", "not found");
        } else if ("GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod())) {
          respond(exchange, 200, "application/json", view.get());
        } else {
          respond(exchange, 405, "text/plain; charset=utf-8", "");
        }
      }));
      server.start();
      Diagnostics.debug("endpoint listening on http://" + host + ":" + server.getAddress().getPort() + "/metrics");
      return new AgentHttpServer(server, executor);
    } catch (IOException | RuntimeException unavailable) {
      Diagnostics.warn("cannot open the Prometheus endpoint on " + host + ":" + port + " (" + unavailable.getMessage()
          + "); set chatlens.prometheus.port or chatlens.prometheus.enabled=false. Everything else works.");
      return null;
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, "HEAD".equals(exchange.getRequestMethod()) ? -1 : bytes.length);
      if (!"HEAD".equals(exchange.getRequestMethod())) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (RuntimeException fault) {
      Diagnostics.warnRateLimited("endpoint", "the endpoint failed to answer: " + fault);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
