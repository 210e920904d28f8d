package com.example.probe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** An application that ships its own Logback 1.2 and SLF4J 1.7 and logs to standard output. */
public final class LogbackProbe {

  private static final Logger LOG = LoggerFactory.getLogger(LogbackProbe.class);

  private LogbackProbe() {}

  public static void main(String[] args) {
    LOG.info("starting with {}", Jars.of(LoggerFactory.getILoggerFactory().getClass()));
    LOG.info("slf4j from {}", Jars.of(LoggerFactory.class));
    String reply = new ProbeChatService().handle("s-1", "hello");
    MDC.put("user", "u-42");
    LOG.info("reply was '{}'", reply);
    LOG.warn("a warning with an exception", new IllegalStateException("expected in this probe"));
    LOG.debug("debug lines are filtered by the application's own config");
    MDC.clear();
    LOG.info("done");
  }

}
