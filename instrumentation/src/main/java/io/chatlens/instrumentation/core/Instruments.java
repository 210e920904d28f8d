package io.chatlens.instrumentation.core;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;

/**
 * Every span and metric instrument the component handlers use. OpenTelemetry names are chosen so that
 * their Prometheus forms are the seed's names: {@code chatbot.requests} is exported as
 * {@code chatbot_requests_total}, {@code chatbot.response_time} (seconds) as
 * {@code chatbot_response_time_seconds}, {@code chatbot.active_sessions} as {@code chatbot_active_sessions}.
 */
public final class Instruments {

  public static final String SCOPE = "io.chatlens";
  public static final List<Double> SECONDS_BUCKETS =
      List.of(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0);

  public static final AttributeKey<String> SESSION_ID = Semconv.SESSION_ID;
  public static final AttributeKey<String> USER_ID = Semconv.USER_ID;
  public static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("chatlens.component");
  /**
   * The span attributes every component gets from the core whose values are the agent's own words or code names
   * (the component, the instrumented method, the exception class): see {@link ComponentUnit#vocabularyAttributes()}.
   */
  public static final java.util.Set<String> CORE_VOCABULARY_ATTRIBUTES = java.util.Set.of(COMPONENT.getKey(),
      Semconv.CODE_FUNCTION_NAME.getKey(), Semconv.ERROR_TYPE.getKey());
  public static final AttributeKey<String> CODE_FUNCTION = Semconv.CODE_FUNCTION_NAME;
  public static final AttributeKey<String> ERROR_TYPE = Semconv.ERROR_TYPE;
  public static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("endpoint");
  public static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");

  public final Tracer tracer;
  public final Meter meter;
  public final LongCounter requests;
  public final DoubleHistogram responseTime;
  public final LongCounter sessionsCreated;
  public final LongCounter sessionsEnded;
  public final DoubleHistogram sessionDuration;
  public final LongHistogram sessionInteractions;
  public final LongCounter interactions;
  public final LongCounter commands;
  public final DoubleHistogram searchDuration;
  public final LongHistogram searchResults;
  public final LongCounter searchRequests;
  public final LongCounter searchFeedback;
  public final DoubleHistogram databaseDuration;
  public final LongCounter errors;
  public final LongCounter userErrors;
  public final LongCounter errorGroupsCreated;

  public Instruments(Tracer tracer, Meter meter) {
    this.tracer = tracer;
    this.meter = meter;
    requests = meter.counterBuilder("chatbot.requests").setUnit("{request}")
        .setDescription("Chat turns handled, by endpoint and status (success, error, invalid).").build();
    responseTime = seconds("chatbot.response_time", "Time to process one user message and reply.");
    sessionsCreated = meter.counterBuilder("chatbot.sessions.created").setUnit("{session}")
        .setDescription("Sessions created.").build();
    sessionsEnded = meter.counterBuilder("chatbot.sessions.ended").setUnit("{session}")
        .setDescription("Sessions ended, by reason (closed, expired, evicted).").build();
    sessionDuration = seconds("chatbot.session.duration", "Session duration, from creation to cleanup.");
    sessionInteractions = meter.histogramBuilder("chatbot.session.interactions").ofLongs().setUnit("{interaction}")
        .setDescription("Interactions per ended session.")
        .setExplicitBucketBoundariesAdvice(List.of(1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L)).build();
    interactions = meter.counterBuilder("chatbot.interactions").setUnit("{interaction}")
        .setDescription("Session interactions (updates).").build();
    commands = meter.counterBuilder("chatbot.commands").setUnit("{command}")
        .setDescription("Commands parsed, by command and status (valid, invalid).").build();
    searchDuration = seconds("chatbot.search.duration", "Search latency.");
    searchResults = meter.histogramBuilder("chatbot.search.results").ofLongs().setUnit("{result}")
        .setDescription("Results returned per search.")
        .setExplicitBucketBoundariesAdvice(List.of(0L, 1L, 2L, 3L, 5L, 10L, 20L, 50L, 100L)).build();
    searchRequests = meter.counterBuilder("chatbot.search.requests").setUnit("{search}")
        .setDescription("Searches, by outcome (results, zero_results, error, unknown: not countable without consuming the result). "
            + "zero_results/all is the accuracy proxy.").build();
    searchFeedback = meter.counterBuilder("chatbot.search.feedback").setUnit("{answer}")
        .setDescription("Answers the user marked correct or incorrect.").build();
    databaseDuration = seconds("chatbot.database.operation.duration", "Duration of the application's data-access methods.");
    errors = meter.counterBuilder("chatbot.errors").setUnit("{error}")
        .setDescription("System errors, by category and type.").build();
    userErrors = meter.counterBuilder("chatbot.user_errors").setUnit("{error}")
        .setDescription("User errors such as invalid commands, by category.").build();
    errorGroupsCreated = meter.counterBuilder("chatbot.error_groups.created").setUnit("{group}")
        .setDescription("Error groups (fingerprints) seen for the first time, by category; the groups themselves are "
            + "listed at GET /errors, never as metric labels.").build();
  }

  private DoubleHistogram seconds(String name, String description) {
    return meter.histogramBuilder(name).setUnit("s").setDescription(description)
        .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build();
  }
}
