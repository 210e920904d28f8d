package io.chatlens.agent.telemetry;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Whether an OTLP backend accepts TCP connections at all. Used once, at shutdown, when no export has ever
 * succeeded: if no backend even accepts a connection, the final flush could only fail and retry with
 * backoff, so the agent does not make the exiting JVM wait for it.
 */
public final class BackendProbe {

  private BackendProbe() {}

  /**
   * True when at least one of the endpoint URLs accepts a TCP connection within the timeout (per address;
   * name resolution is not bounded here, so callers bound the whole probe).
   */
  public static boolean anyReachable(Collection<String> endpoints, int timeoutMillis) {
    Set<InetSocketAddress> addresses = new LinkedHashSet<>();
    for (String endpoint : endpoints) {
      InetSocketAddress address = addressOf(endpoint);
      if (address != null) {
        addresses.add(address);
      }
    }
    for (InetSocketAddress address : addresses) {
      try (Socket socket = new Socket()) {
        socket.connect(address, timeoutMillis);
        return true;
      } catch (Exception unreachable) {
        // refused, timed out or unresolvable: try the next one
      }
    }
    return false;
  }

  /** host:port of an endpoint URL (default port by scheme), or null when it is not a usable URL. */
  static InetSocketAddress addressOf(String endpoint) {
    try {
      URI uri = URI.create(endpoint.trim());
      String host = uri.getHost();
      if (host == null) {
        return null;
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      return new InetSocketAddress(host, port);
    } catch (RuntimeException malformed) {
      return null;
    }
  }
}
