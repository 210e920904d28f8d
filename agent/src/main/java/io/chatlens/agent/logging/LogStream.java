package io.chatlens.agent.logging;

import io.chatlens.instrumentation.core.ChatEvent;

/**
 * The log file families the agent writes. The main file holds every event at or above
 * {@code chatlens.log.level}; the level files split the same events by retention class; the audit file
 * holds the audit events (session lifecycle, alerts, configuration), whatever their level.
 */
public enum LogStream {

  /** {@code logs/chatbot.log}: everything, the file Logstash reads. */
  MAIN("", ""),
  /** {@code logs/debug/chatbot-debug.log}: DEBUG events. */
  DEBUG("debug", "-debug"),
  /** {@code logs/info/chatbot-info.log}: INFO events. */
  INFO("info", "-info"),
  /** {@code logs/error/chatbot-error.log}: WARN and ERROR events. */
  ERROR("error", "-error"),
  /** {@code logs/audit/chatbot-audit.log}: audit events, whatever their level. */
  AUDIT("audit", "-audit");

  private final String subdirectory;
  private final String suffix;

  LogStream(String subdirectory, String suffix) {
    this.subdirectory = subdirectory;
    this.suffix = suffix;
  }

  /** The directory under the log directory, empty for the main file. */
  public String subdirectory() {
    return subdirectory;
  }

  /** What is appended to the main file's base name, e.g. {@code -debug}. */
  public String suffix() {
    return suffix;
  }

  /** Whether this stream writes the event, given the configured lowest level. */
  public boolean accepts(ChatEvent event, ChatEvent.Level threshold) {
    if (this == AUDIT) {
      return event.audit();
    }
    ChatEvent.Level level = event.level();
    if (level.compareTo(threshold) < 0) {
      return false;
    }
    return switch (this) {
      case DEBUG -> level == ChatEvent.Level.DEBUG;
      case INFO -> level == ChatEvent.Level.INFO;
      case ERROR -> level.compareTo(ChatEvent.Level.WARN) >= 0;
      default -> true;
    };
  }
}
