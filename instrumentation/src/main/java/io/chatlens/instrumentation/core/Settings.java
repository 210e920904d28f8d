package io.chatlens.instrumentation.core;

import java.util.function.UnaryOperator;

/**
 * What several component handlers share from the agent's configuration: how free text is redacted, how user ids and
 * search queries are mapped before they leave the process. A component's
 * own keys are declared by its unit ({@link ComponentUnit#keys()}) and read into its handler's options.
 */
public final class Settings {

  /** Maps a raw user id to what may leave the process (identity, or a salted hash). */
  public UnaryOperator<String> userIdMapper = UnaryOperator.identity();
  /** Redacts free text (messages, queries, exception messages) before it is recorded. */
  public UnaryOperator<String> redactor = UnaryOperator.identity();
  /**
   * The keyed digest of a search query ({@code chatbot.search.query.hash}); {@code null} means the handler's own
   * HMAC with a random per-process key. The agent sets one keyed by {@code chatlens.redaction.salt}.
   */
  public UnaryOperator<String> queryHasher;
}
