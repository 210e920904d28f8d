package io.chatlens.instrumentation.core;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The context pairs of a {@link ChatEvent}, kept as the raw values the application thread already had and
 * turned into an ordered map only when the log-writer thread first reads them: {@code user_id},
 * {@code session_id}, then the extra pairs in order (a {@code null} value is left out), then
 * {@code trace_id} and {@code span_id}. A {@code user_id} or {@code session_id} among the pairs replaces the
 * one from the chat context.
 */
final class EventContext extends AbstractMap<String, String> {

  private final String userId;
  private final String sessionId;
  private final String[] pairs;
  private final String traceId;
  private final String spanId;
  private volatile Map<String, String> materialized;

  EventContext(String userId, String sessionId, String[] pairs, String traceId, String spanId) {
    this.userId = userId;
    this.sessionId = sessionId;
    this.pairs = pairs;
    this.traceId = traceId;
    this.spanId = spanId;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    Map<String, String> map = materialized;
    if (map == null) {
      map = Collections.unmodifiableMap(build());
      materialized = map;
    }
    return map.entrySet();
  }

  private Map<String, String> build() {
    String user = userId;
    String session = sessionId;
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i].equals("user_id")) {
        user = pairs[i + 1];
      } else if (pairs[i].equals("session_id")) {
        session = pairs[i + 1];
      }
    }
    Map<String, String> map = new LinkedHashMap<>(8 + pairs.length);
    putIfPresent(map, "user_id", user);
    putIfPresent(map, "session_id", session);
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (!pairs[i].equals("user_id") && !pairs[i].equals("session_id")) {
        putIfPresent(map, pairs[i], pairs[i + 1]);
      }
    }
    putIfPresent(map, "trace_id", traceId);
    putIfPresent(map, "span_id", spanId);
    return map;
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
