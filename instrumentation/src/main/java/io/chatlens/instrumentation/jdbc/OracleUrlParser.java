package io.chatlens.instrumentation.jdbc;

/**
 * Reads Oracle JDBC URLs, given the text after {@code jdbc:oracle:}.
 *
 * <p>Understands {@code thin:@host:port:SID}, {@code thin:@//host:port/service}, {@code
 * thin:@host:port/service}, {@code thin:@host/service}, EZConnect Plus ({@code @tcps://host:port/service?...})
 * and {@code thin:@(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=p))(CONNECT_DATA=(SERVICE_NAME=s)))}. The
 * namespace is the service name, else the SID. Credentials before {@code @} are dropped; a URL
 * without {@code @} names no server (what precedes it could be {@code user/password}).
 */
final class OracleUrlParser {

  private static final int DEFAULT_PORT = 1521;

  private OracleUrlParser() {}

  /** Parses {@code rest}, the URL after {@code jdbc:oracle:}, e.g. {@code thin:@host:1521:ORCL}. */
  static DbInfo parse(String rest) {
    int firstParen = rest.indexOf('(');
    int at = rest.lastIndexOf('@', firstParen < 0 ? rest.length() - 1 : firstParen);
    if (at < 0) {
      return DbInfo.of(DbSystem.ORACLE);
    }
    String target = rest.substring(at + 1).trim();
    if (target.startsWith("(")) {
      return description(target);
    }
    return easyConnect(target);
  }

  private static DbInfo description(String target) {
    String host = JdbcUrlText.keyedValue(target, "HOST");
    String portText = JdbcUrlText.keyedValue(target, "PORT");
    Integer port = portText == null ? Integer.valueOf(DEFAULT_PORT)
        : ServerAddress.parsePort(portText, 0, portText.length());
    String service = JdbcUrlText.keyedValue(target, "SERVICE_NAME");
    String namespace = service != null ? service : JdbcUrlText.keyedValue(target, "SID");
    return DbInfo.of(DbSystem.ORACLE, namespace, ServerAddress.of(host, host == null ? null : port));
  }

  private static DbInfo easyConnect(String target) {
    int start = 0;
    if (JdbcUrlText.startsWith(target, 0, "tcps://")) {
      start = 7;
    } else if (JdbcUrlText.startsWith(target, 0, "tcp://")) {
      start = 6;
    } else if (JdbcUrlText.startsWith(target, 0, "ldap")) {
      return DbInfo.of(DbSystem.ORACLE);
    }
    if (target.startsWith("//", start)) {
      start += 2;
    }
    int end = JdbcUrlText.indexOfAny(target, "?", start);
    int hostEnd;
    String host;
    if (start < end && target.charAt(start) == '[') {
      int close = JdbcUrlText.indexOf(target, ']', start, end);
      host = target.substring(start + 1, close);
      hostEnd = Math.min(close + 1, end);
    } else {
      hostEnd = Math.min(JdbcUrlText.indexOfAny(target, ":/,", start), end);
      host = target.substring(start, hostEnd);
    }
    int i = skipOtherHosts(target, hostEnd, end);
    Integer port = DEFAULT_PORT;
    String namespace = null;
    if (i < end && target.charAt(i) == ':') {
      int portEnd = Math.min(JdbcUrlText.indexOfAny(target, ":/", i + 1), end);
      Integer parsed = ServerAddress.parsePort(target, i + 1, portEnd);
      if (parsed != null) {
        port = parsed;
        i = portEnd;
      }
    }
    if (i < end && (target.charAt(i) == ':' || target.charAt(i) == '/')) {
      namespace = JdbcUrlText.part(target, i + 1, Math.min(JdbcUrlText.indexOfAny(target, ":/", i + 1), end));
    }
    return DbInfo.of(DbSystem.ORACLE, namespace, ServerAddress.of(host, port));
  }

  /** Skips {@code ,host2:port2} entries of a multi-host EZConnect list. */
  private static int skipOtherHosts(String target, int from, int end) {
    if (from >= end || target.charAt(from) != ',') {
      return from;
    }
    return Math.min(JdbcUrlText.indexOfAny(target, "/", from), end);
  }
}
