package io.chatlens.instrumentation.core;

import java.util.Locale;

/** The parts of a chatbot that ChatLens knows how to observe. */
public enum Component {
  TURN("chat_service", "handle one user message"),
  SESSION("session_manager", "session lifecycle"),
  PARSER("command_parser", "command parsing and validation"),
  SEARCH("search_engine", "search operations and results"),
  DATABASE("database_manager", "the application's data access"),
  ERRORS("error_handler", "error capture and reporting"),
  JDBC("jdbc", "JDBC statements and connections"),
  RUNTIME("runtime", "thread pools and the JVM"),
  LOGS("application_logs", "the application's own log events");

  private final String module;
  private final String description;

  Component(String module, String description) {
    this.module = module;
    this.description = description;
  }

  /** The name used in the log's module field and in metric labels, e.g. {@code session_manager}. */
  public String module() {
    return module;
  }

  public String description() {
    return description;
  }

  /** The suffix of its {@code chatlens.instrument.*} key, e.g. {@code session}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
