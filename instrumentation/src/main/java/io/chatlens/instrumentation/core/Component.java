package io.chatlens.instrumentation.core;

import java.util.Locale;

/** The parts of a chatbot that ChatLens knows how to observe. */
public enum Component {
  TURN("chat_service"),
  SESSION("session_manager"),
  PARSER("command_parser"),
  SEARCH("search_engine"),
  DATABASE("database_manager"),
  ERRORS("error_handler"),
  JDBC("jdbc"),
  RUNTIME("runtime"),
  LOGS("application_logs");

  private final String module;

  Component(String module) {
    this.module = module;
  }

  /** The name used in the log's module field and in metric labels, e.g. {@code session_manager}. */
  public String module() {
    return module;
  }

  /** The suffix of its {@code chatlens.instrument.*} key, e.g. {@code session}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
