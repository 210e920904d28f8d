package com.example.chatbot;

import java.util.Objects;

/**
 * One frequently asked question of the Acme Cloud help center, as stored in the {@code faq} table.
 *
 * @param id       the primary key, also used in {@code /faq <id>} and {@code /feedback <id> good|bad}
 * @param question the question title
 * @param answer   the answer shown to the user
 * @param tags     space-separated keywords that help the search engine find the entry
 */
public record FaqEntry(int id, String question, String answer, String tags) {

  /** Rejects missing texts; {@code tags} may be empty but not {@code null}. */
  public FaqEntry {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(tags, "tags");
  }
}
