package io.chatlens.instrumentation.search;

import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.accessor.Guess;
import io.chatlens.instrumentation.core.BaseHandler;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Labels;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.Settings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Search operations: latency, result count and the zero-result rate (the accuracy proxy), plus, for
 * methods with the {@code feedback} role, answers the user marked correct or incorrect. The query text is
 * never recorded raw: only its length and a hash, unless {@code chatlens.capture.search-query=true}.
 */
public final class SearchHandler extends BaseHandler {

  public static final String FEEDBACK = "feedback";

  static final AttributeKey<Long> QUERY_LENGTH = AttributeKey.longKey("chatbot.search.query.length");
  static final AttributeKey<String> QUERY_HASH = AttributeKey.stringKey("chatbot.search.query.hash");
  static final AttributeKey<String> QUERY = AttributeKey.stringKey("chatbot.search.query");
  static final AttributeKey<Long> RESULTS = AttributeKey.longKey("chatbot.search.results");
  static final AttributeKey<String> FEEDBACK_OUTCOME = AttributeKey.stringKey("chatbot.search.feedback");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("chatbot.search.operation");

  private final Labels outcomes = Labels.of("outcome");

  /**
   * The search unit's keys ({@code SearchUnit}): where the query, the result count and the feedback outcome are read
   * ({@code null}: the heuristics), and whether the query text is recorded.
   */
  public record Options(Accessor query, Accessor resultCount, Accessor feedbackOutcome, boolean captureQuery) {
    public static Options defaults() {
      return new Options(null, null, null, false);
    }
  }

  private final Options options;

  /** With the defaults ({@link Options#defaults()}). */
  public SearchHandler(Instruments instruments, Events events, Settings settings) {
    this(instruments, events, settings, Options.defaults());
  }

  public SearchHandler(Instruments instruments, Events events, Settings settings, Options options) {
    super(instruments, events, settings);
    this.options = options;
  }

  @Override
  protected void addAttributes(Probe probe, AttributesBuilder attributes) {
    attributes.put(OPERATION, FEEDBACK.equals(probe.role()) ? FEEDBACK : "search");
  }

  @Override
  public void onEnter(Invocation invocation) {
    if (FEEDBACK.equals(invocation.probe().role())) {
      return;
    }
    String query = options.query() != null
        ? Guess.text(options.query().read(invocation.self(), invocation.args(), null))
        : Guess.firstString(invocation.args());
    if (query != null && !invocation.essentialAttributesOnly()) {
      invocation.span().setAttribute(QUERY_LENGTH, (long) query.length());
      invocation.span().setAttribute(QUERY_HASH, settings.queryHasher != null ? settings.queryHasher.apply(query) : hash(query));
      if (options.captureQuery()) {
        invocation.span().setAttribute(QUERY, settings.redactor.apply(query));
      }
    }
  }

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {
    if (FEEDBACK.equals(invocation.probe().role())) {
      feedback(invocation, thrown);
      return;
    }
    instruments.searchDuration.record(seconds(durationNanos));
    if (thrown != null) {
      instruments.searchRequests.add(1, outcomes.get("error"));
      return;
    }
    Object counted = options.resultCount() != null
        ? options.resultCount().read(invocation.self(), invocation.args(), returned)
        : returned;
    long results = options.resultCount() != null && counted instanceof Number number ? number.longValue()
        : Guess.count(counted);
    if (results < 0) {
      // not countable without consuming or calling into the application's object: the search is counted, its
      // result count is not guessed
      instruments.searchRequests.add(1, outcomes.get("unknown"));
      if (events.admits(invocation, ChatEvent.Level.INFO, false)) {
        String millis = millis(durationNanos);
        events.emit(invocation, ChatEvent.Level.INFO, "Search returned in " + millis + " ms (result count unknown: "
            + "set chatlens.search.result-count)", null, false, "duration_ms", millis);
      }
      return;
    }
    instruments.searchResults.record(results);
    instruments.searchRequests.add(1, outcomes.get(results == 0 ? "zero_results" : "results"));
    if (!invocation.essentialAttributesOnly()) {
      invocation.span().setAttribute(RESULTS, results);
    }
    if (events.admits(invocation, ChatEvent.Level.INFO, false)) {
      String millis = millis(durationNanos);
      events.emit(invocation, ChatEvent.Level.INFO, "Search returned " + results + " result" + (results == 1 ? "" : "s")
          + " in " + millis + " ms", null, false, "result_count", Long.toString(results), "duration_ms", millis);
    }
  }

  private void feedback(Invocation invocation, Throwable thrown) {
    if (thrown != null) {
      return;
    }
    Boolean correct = options.feedbackOutcome() != null
        ? toOutcome(options.feedbackOutcome().read(invocation.self(), invocation.args(), null))
        : Guess.outcome(invocation.args());
    if (correct == null) {
      return;
    }
    String outcome = correct ? "correct" : "incorrect";
    instruments.searchFeedback.add(1, outcomes.get(outcome));
    if (!invocation.essentialAttributesOnly()) {
      invocation.span().setAttribute(FEEDBACK_OUTCOME, outcome);
    }
    events.emit(invocation, ChatEvent.Level.INFO, "Recorded feedback: answer " + outcome, null, false,
        "outcome", outcome);
  }

  private static Boolean toOutcome(Object value) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    return value == null ? null : Guess.outcome(new Object[] {value.toString()});
  }

  /**
   * A stable keyed digest of the normalised query: HMAC-SHA256 with a random key drawn once per process, so the
   * same question hashes the same within the process but a dictionary of likely queries cannot be matched
   * against it. The agent replaces it by one keyed with the configured salt ({@link Settings#queryHasher}).
   */
  static String hash(String query) {
    Mac mac = MAC.get();
    if (mac == null) {
      return "";
    }
    byte[] bytes = mac.doFinal(query.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(bytes, 0, 8);
  }

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PROCESS_KEY = new byte[32];

  static {
    new java.security.SecureRandom().nextBytes(PROCESS_KEY);
  }

  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(PROCESS_KEY, "HmacSHA256"));
      return mac;
    } catch (java.security.GeneralSecurityException impossible) {
      return null;
    }
  });
}
