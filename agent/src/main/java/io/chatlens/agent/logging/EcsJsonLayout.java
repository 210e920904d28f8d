package io.chatlens.agent.logging;

import io.chatlens.instrumentation.core.ChatEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JSON log format for the ELK stack: one Elastic Common Schema object per line, following the
 * ecs-logging conventions (dotted top-level names; {@code @timestamp}, {@code log.level}, {@code message}
 * and {@code ecs.version} first):
 *
 * <pre>
 * {"@timestamp":"2024-01-15T10:30:45.123Z","log.level":"INFO","message":"Created new session for user_id=12345, session_id=abc",
 *  "ecs.version":"8.11.0","service.name":"chatbot","event.dataset":"chatlens.audit","log.logger":"session_manager",
 *  "log.origin.function":"create_session","trace.id":"...","span.id":"...","user.id":"12345",
 *  "labels":{"session_id":"abc"},"error.type":"...","error.message":"...","error.stack_trace":"..."}
 * </pre>
 *
 * {@code message} is the same text as the text format's message part, so both formats read alike.
 * {@code user_id}, {@code trace_id} and {@code span_id} of the context become {@code user.id},
 * {@code trace.id} and {@code span.id}; every other context pair becomes a {@code labels} entry. ECS has no
 * session field, so the session id is {@code labels.session_id}: the very field Elastic APM gives the
 * {@code session.id} attribute of the agent's spans, so logs and traces of one session share it.
 * {@code event.dataset} is {@code chatlens.audit} for audit events and {@code chatlens.chatbot} otherwise.
 */
public final class EcsJsonLayout {

  /** The ECS version whose field definitions the output follows. */
  public static final String ECS_VERSION = "8.11.0";
  public static final String DATASET = "chatlens.chatbot";
  public static final String AUDIT_DATASET = "chatlens.audit";

  private static final Set<String> PROMOTED = Set.of("user_id", "trace_id", "span_id");

  private final String serviceName;

  public EcsJsonLayout(String serviceName) {
    this.serviceName = serviceName;
  }

  public String format(ChatEvent event) {
    Map<String, String> context = event.context() == null ? Map.of() : event.context();
    JsonText json = new JsonText(384)
        .field("@timestamp", UtcTimestamps.format(event.epochMillis()))
        .field("log.level", event.level().name())
        .field("message", SeedTextLayout.message(event))
        .field("ecs.version", ECS_VERSION)
        .field("service.name", serviceName)
        .field("event.dataset", event.audit() ? AUDIT_DATASET : DATASET)
        .field("log.logger", event.module())
        .field("log.origin.function", event.function())
        .field("trace.id", context.get("trace_id"))
        .field("span.id", context.get("span_id"))
        .field("user.id", context.get("user_id"));
    Map<String, String> labels = labels(context);
    if (!labels.isEmpty()) {
      json.beginObject("labels");
      labels.forEach(json::field);
      json.endObject();
    }
    Throwable error = event.error();
    if (error != null) {
      json.field("error.type", ErrorText.typeName(error))
          .field("error.message", error.getMessage())
          .field("error.stack_trace", ErrorText.stackTrace(error));
    }
    return json.line();
  }

  /** The context pairs that have no ECS field of their own; keys made unique after sanitizing (first wins). */
  private static Map<String, String> labels(Map<String, String> context) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : context.entrySet()) {
      if (entry.getValue() != null && !PROMOTED.contains(entry.getKey())) {
        labels.putIfAbsent(labelKey(entry.getKey()), entry.getValue());
      }
    }
    return labels;
  }

  /** ECS label keys have no dots (Elasticsearch would read them as objects): other characters become '_'. */
  static String labelKey(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      out.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
    }
    return out.length() == 0 ? "_" : out.toString();
  }
}
