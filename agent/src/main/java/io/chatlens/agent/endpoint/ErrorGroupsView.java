package io.chatlens.agent.endpoint;

import io.chatlens.agent.logging.JsonText;
import io.chatlens.instrumentation.errors.ErrorGroups;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /errors}: the error groups as JSON, most recently seen first. Every text in it was already redacted or is
 * a class or method name; fingerprints are hashes.
 *
 * <pre>{"capacity":1000,"groups":2,"shown":2,"created":2,"evicted":0,"sentry":{...},"errors":[{"fingerprint":"…",
 * "type":"…","category":"…","topFrame":"…","userError":false,"firstSeen":"…","lastSeen":"…","count":12,
 * "lastFiveMinutes":3,"perMinute":[0,…,3],"sample":{"message":"…","traceId":"…"}}]}</pre>
 */
public final class ErrorGroupsView {

  /** The most groups listed: the most recently seen. */
  static final int SHOWN = 1000;

  private ErrorGroupsView() {}

  /**
   * @param groups the table
   * @param sentry the Sentry export's counters, or {@code null} when it is off
   */
  public static String json(ErrorGroups groups, Map<String, Long> sentry) {
    List<ErrorGroups.Group> rows = groups.snapshot(SHOWN);
    StringBuilder out = new StringBuilder(256 + rows.size() * 512);
    out.append("{\"capacity\":").append(groups.capacity()).append(",\"groups\":").append(groups.size())
        .append(",\"shown\":").append(rows.size())
        .append(",\"created\":").append(groups.created()).append(",\"evicted\":").append(groups.evicted());
    if (sentry != null) {
      out.append(",\"sentry\":{");
      boolean first = true;
      for (Map.Entry<String, Long> counter : sentry.entrySet()) {
        out.append(first ? "" : ",");
        JsonText.string(out, counter.getKey());
        out.append(':').append(counter.getValue());
        first = false;
      }
      out.append('}');
    }
    out.append(",\"errors\":[");
    for (int i = 0; i < rows.size(); i++) {
      ErrorGroups.Group group = rows.get(i);
      out.append(i == 0 ? "{" : ",{");
      field(out, "fingerprint", group.fingerprint()).append(',');
      field(out, "type", group.type()).append(',');
      field(out, "category", group.category()).append(',');
      field(out, "topFrame", group.topFrame()).append(',');
      out.append("\"userError\":").append(group.userError()).append(',');
      field(out, "firstSeen", Instant.ofEpochMilli(group.firstSeenMillis()).toString()).append(',');
      field(out, "lastSeen", Instant.ofEpochMilli(group.lastSeenMillis()).toString()).append(',');
      out.append("\"count\":").append(group.count()).append(",\"lastFiveMinutes\":").append(group.lastFiveMinutes())
          .append(",\"perMinute\":[");
      int[] perMinute = group.perMinute();
      for (int m = 0; m < perMinute.length; m++) {
        out.append(m == 0 ? "" : ",").append(perMinute[m]);
      }
      out.append("],\"sample\":{");
      field(out, "message", group.sampleMessage()).append(',');
      field(out, "traceId", group.sampleTraceId()).append("}}");
    }
    return out.append("]}").toString();
  }

  private static StringBuilder field(StringBuilder out, String name, String value) {
    JsonText.string(out, name);
    out.append(':');
    if (value == null) {
      out.append("null");
    } else {
      JsonText.string(out, value);
    }
    return out;
  }
}
