package com.example.chatbot;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of the turns a {@link ChatService} has handled. Thread-safe. */
public final class ChatStatistics {

  private final AtomicLong turns = new AtomicLong();
  private final AtomicLong invalidCommands = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  /** How many messages were handled. */
  public long turns() {
    return turns.get();
  }

  /** How many messages were rejected as invalid commands. */
  public long invalidCommands() {
    return invalidCommands.get();
  }

  /** How many turns failed and went to the {@link ErrorHandler}. */
  public long errors() {
    return errors.get();
  }

  void countTurn() {
    turns.incrementAndGet();
  }

  void countInvalidCommand() {
    invalidCommands.incrementAndGet();
  }

  void countError() {
    errors.incrementAndGet();
  }
}
