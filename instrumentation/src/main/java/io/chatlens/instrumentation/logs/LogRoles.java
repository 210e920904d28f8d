package io.chatlens.instrumentation.logs;

/** Which logging framework a bridged method belongs to. */
final class LogRoles {

  static final String LOGBACK = "logback";
  static final String LOG4J = "log4j";
  /** Log4j 2.20+: {@code Logger#log(Level, Marker, String fqcn, StackTraceElement, Message, Throwable)}. */
  static final String LOG4J_LOCATION = "log4j-location";
  static final String JUL = "jul";
  static final String MDC = "mdc";

  private LogRoles() {}
}
