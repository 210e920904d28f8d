package io.chatlens.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.instrumentation.errors.ErrorGroups;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ErrorGroupsViewTest {

  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  @Test
  void listsGroupsMostRecentFirstWithTheirSampleAndTrend() {
    ErrorGroups groups = new ErrorGroups(10, now::get);
    groups.observe("aaaa", "com.acme.Old", "internal", "com.acme.Bot.reply", false);
    now.addAndGet(1000);
    groups.observe("bbbb", "com.acme.Unknown\"Intent", "validation", "com.acme.Parser.parse", true);
    groups.sample("bbbb", "unknown command: \"/serch\"\n", "0af7651916cd43dd8448eb211c80319c");

    String json = ErrorGroupsView.json(groups, Map.of("dropped", 3L));

    assertThat(json).startsWith("{\"capacity\":10,\"groups\":2,\"shown\":2,\"created\":2,\"evicted\":0,"
        + "\"sentry\":{\"dropped\":3},\"errors\":[{\"fingerprint\":\"bbbb\",\"type\":\"com.acme.Unknown\\\"Intent\"");
    assertThat(json).contains("\"userError\":true").contains("\"count\":1,\"lastFiveMinutes\":1")
        .contains("\"sample\":{\"message\":\"unknown command: \\\"/serch\\\"\\n\","
            + "\"traceId\":\"0af7651916cd43dd8448eb211c80319c\"}")
        .contains("\"firstSeen\":\"2023-11-14T22:13:20Z\"");
    assertThat(json.indexOf("\"bbbb\"")).isLessThan(json.indexOf("\"aaaa\""));
    assertThat(json).contains("\"sample\":{\"message\":null,\"traceId\":null}").endsWith("]}");
  }

  @Test
  void showsAtMostAThousandGroups() {
    ErrorGroups groups = new ErrorGroups(5000, now::get);
    for (int i = 0; i < 1500; i++) {
      now.incrementAndGet();
      groups.observe("fp" + i, "T", "c", "f", false);
    }
    String json = ErrorGroupsView.json(groups, null);
    assertThat(json).contains("\"groups\":1500,\"shown\":1000").doesNotContain("\"sentry\"")
        .contains("\"fp1499\"").doesNotContain("\"fp499\"");
  }
}
