package io.chatlens.agent.diagnostics;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The OpenTelemetry SDK reports its own problems (an unreachable backend, a dropped batch) through
 * java.util.logging. Inside the agent those loggers are named after the relocated packages; this routes
 * them to the agent's diagnostics, rate-limited to one line a minute per logger, and keeps them out of the
 * application's own JUL handlers.
 */
public final class SdkLogBridge extends Handler {

  private static final String AGENT_LOGGERS = "io.chatlens";
  private static final String CONSOLE_EXPORTERS = "io.chatlens.shaded.io.opentelemetry.exporter.logging";
  private static final java.util.logging.Formatter FORMATTER = new java.util.logging.SimpleFormatter();
  private static Logger root;
  private static Logger console;

  private SdkLogBridge() {}

  /** Installs the bridge once. */
  public static synchronized void install(boolean debug) {
    if (root != null) {
      return;
    }
    Logger logger = Logger.getLogger(AGENT_LOGGERS);
    logger.setUseParentHandlers(false);
    logger.setLevel(debug ? Level.FINE : Level.WARNING);
    logger.addHandler(new SdkLogBridge());
    root = logger; // JUL holds loggers weakly
    console = Logger.getLogger(CONSOLE_EXPORTERS);
    console.setLevel(Level.INFO); // otel.*.exporter=console prints every item: that is what the user asked for
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    String message = FORMATTER.formatMessage(record);
    if (record.getThrown() != null) {
      message = message + ": " + record.getThrown();
    }
    String name = record.getLoggerName() == null ? "sdk" : record.getLoggerName();
    if (name.startsWith(CONSOLE_EXPORTERS)) {
      Diagnostics.console(message);
      return;
    }
    String shortName = name.substring(name.lastIndexOf('.') + 1);
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      Diagnostics.warnRateLimited(topic(name), "[" + shortName + "] " + message);
    } else {
      Diagnostics.debug("[" + shortName + "] " + message);
    }
  }

  /** Every export-related warning shares one topic: a backend that is down yields one line a minute. */
  static String topic(String loggerName) {
    return loggerName.contains(".exporter.") || loggerName.contains(".export.") ? "export" : loggerName;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
