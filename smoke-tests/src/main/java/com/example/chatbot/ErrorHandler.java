package com.example.chatbot;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chatbot's own error capture: every unexpected failure of a turn is logged at ERROR with its stack trace and
 * counted by exception class. Thread-safe.
 */
public final class ErrorHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  private final Map<String, Long> counts = new ConcurrentHashMap<>();

  /** Logs and counts one failure that happened in a session. */
  public void handle(Throwable error, String sessionId) {
    counts.merge(error.getClass().getName(), 1L, Long::sum);
    LOG.error("Turn failed in session {}: {}", sessionId, error.toString(), error);
  }

  /** How many failures were handled, by fully qualified exception class name, sorted by name. */
  public Map<String, Long> counts() {
    return Collections.unmodifiableMap(new TreeMap<>(counts));
  }
}
