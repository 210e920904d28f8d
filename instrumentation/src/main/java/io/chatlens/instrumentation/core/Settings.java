package io.chatlens.instrumentation.core;

import io.chatlens.instrumentation.accessor.Accessor;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The part of the agent configuration that the component handlers read. Built by the agent from
 * agent.properties; a {@code null} accessor means "use the documented heuristics".
 */
public final class Settings {

  // turn
  public Accessor turnSessionId;
  public Accessor turnUserId;
  public Accessor turnMessage;
  public Accessor turnParent;
  public String turnEndpoint = "/chat";
  public boolean captureMessages;
  // session
  public Accessor sessionId;
  public Accessor sessionUserId;
  public Accessor sessionActiveCount;
  public Duration sessionIdleTimeout;
  public int sessionMaxTracked = 100_000;
  // parser
  public Accessor parserCommand;
  public int maxCommandNames = 50;
  // search
  public Accessor searchQuery;
  public Accessor searchResultCount;
  public Accessor feedbackOutcome;
  public boolean captureSearchQuery;
  // database and jdbc
  public Duration slowQueryThreshold = Duration.ofMillis(500);
  public int queryMaxLength = 2000;
  // errors
  public boolean countUserErrorsAsErrors;
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
