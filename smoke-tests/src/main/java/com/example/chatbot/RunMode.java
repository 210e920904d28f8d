package com.example.chatbot;

/** How {@link ChatbotApp} gets its messages. */
public enum RunMode {
  /** Simulated users play a {@link ConversationScript} concurrently. */
  SCRIPT,
  /** One user types messages on standard input. */
  REPL
}
