package io.chatlens.instrumentation.jdbc;

/**
 * A host and port taken from the server part of a JDBC URL.
 *
 * @param host the host name or IP address, IPv6 without brackets, or {@code null}
 * @param port the port, or {@code null}
 */
record ServerAddress(String host, Integer port) {

  /** No server: an embedded or in-memory database. */
  static final ServerAddress NONE = new ServerAddress(null, null);

  private static final int MAX_PORT = 65535;

  /**
   * The first server of a {@code [user[:password]@]host[:port][,host2[:port2]...]} list in {@code
   * text[from, to)}. User information is dropped. Without a port, {@code defaultPort} is used when
   * there is a host. MySQL's key-value forms {@code address=(host=h)(port=p)} and {@code
   * (host=h,port=p)} are understood too.
   */
  static ServerAddress parse(String text, int from, int to, Integer defaultPort) {
    int at = text.lastIndexOf('@', to - 1);
    int start = at >= from ? at + 1 : from;
    if (start < to && (text.charAt(start) == '(' || text.regionMatches(true, start, "address=", 0, 8))) {
      String section = text.substring(start, to);
      String host = JdbcUrlText.keyedValue(section, "host");
      return of(host, parsePortOr(JdbcUrlText.keyedValue(section, "port"), defaultPort, host));
    }
    int end = JdbcUrlText.indexOf(text, ',', start, to);
    if (start < end && text.charAt(start) == '[') {
      int close = JdbcUrlText.indexOf(text, ']', start, end);
      String host = text.substring(start + 1, close);
      return close + 1 < end && text.charAt(close + 1) == ':'
          ? of(host, parsePort(text, close + 2, end))
          : of(host, host.isEmpty() ? null : defaultPort);
    }
    int colon = JdbcUrlText.indexOf(text, ':', start, end);
    String host = text.substring(start, colon);
    if (colon < end) {
      return of(host, parsePort(text, colon + 1, end));
    }
    return of(host, host.isEmpty() ? null : defaultPort);
  }

  /** A server address, {@code null} when the host is empty. */
  static ServerAddress of(String host, Integer port) {
    String trimmed = host == null ? null : host.trim();
    return trimmed == null || trimmed.isEmpty() ? NONE : new ServerAddress(trimmed, port);
  }

  /** The port in {@code text[from, to)}, or {@code null} unless it is a number from 1 to 65535. */
  static Integer parsePort(String text, int from, int to) {
    if (from >= to || to - from > 5) {
      return null;
    }
    int port = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      port = port * 10 + (c - '0');
    }
    return port >= 1 && port <= MAX_PORT ? port : null;
  }

  private static Integer parsePortOr(String port, Integer defaultPort, String host) {
    if (port != null) {
      return parsePort(port, 0, port.length());
    }
    return host == null || host.isBlank() ? null : defaultPort;
  }
}
