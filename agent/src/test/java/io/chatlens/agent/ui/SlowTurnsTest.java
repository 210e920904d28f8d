package io.chatlens.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlowTurnsTest {

  private static final long T0 = 1_700_000_000_000L;
  private final AtomicLong now = new AtomicLong(T0);

  private static String traceId(int n) {
    return String.format("%032x", n + 1);
  }

  private static String spanId(int trace, int n) {
    return String.format("%08x%08x", trace + 1, n + 1);
  }

  private static SpanData span(int trace, int n, int parent, String name, String component, long startMillis,
      long durationMicros, Attributes extra) {
    SpanContext context = SpanContext.create(traceId(trace), spanId(trace, n), TraceFlags.getSampled(), TraceState.getDefault());
    SpanContext parentContext = parent < 0 ? SpanContext.getInvalid()
        : SpanContext.create(traceId(trace), spanId(trace, parent), TraceFlags.getSampled(), TraceState.getDefault());
    long start = startMillis * 1_000_000;
    return TestSpanData.builder().setSpanContext(context).setParentSpanContext(parentContext).setName(name)
        .setKind(SpanKind.INTERNAL).setStartEpochNanos(start).setEndEpochNanos(start + durationMicros * 1000)
        .setHasEnded(true).setStatus(StatusData.unset())
        .setAttributes(Attributes.builder().put("chatlens.component", component).putAll(extra).build())
        .setTotalAttributeCount(2).build();
  }

  /** A turn of {@code durationMicros} with a parser and a search span inside, in end order. */
  private static List<SpanData> turn(int trace, long startMillis, long durationMicros) {
    return List.of(
        span(trace, 1, 0, "CommandParser.parse", "parser", startMillis, durationMicros / 10, Attributes.empty()),
        span(trace, 2, 0, "SearchEngine.search", "search", startMillis + 1, durationMicros / 2,
            Attributes.builder().put("chatbot.search.results", 0L).put("chatbot.search.query.hash", "h" + trace % 7).build()),
        span(trace, 0, -1, "ChatService.handle", "turn", startMillis, durationMicros,
            Attributes.builder().put("chatbot.command", "/ask").put("session.id", "sess-" + trace)
                .put("user.id", "user-" + trace).build()));
  }

  @Test
  void keepsOnlyTheNSlowestWithTheirSpans() throws Exception {
    SlowTurns slow = new SlowTurns(5, now::get);
    for (int i = 0; i < 1000; i++) {
      slow.accept(turn(i, T0, (i * 7919L) % 1000 * 1000 + 500)); // durations 0.5 ms .. 999.5 ms, shuffled
    }
    List<SlowTurns.Turn> turns = slow.slowest();
    assertThat(turns).hasSize(5);
    assertThat(turns).extracting(SlowTurns.Turn::durationMicros)
        .containsExactly(999_500L, 998_500L, 997_500L, 996_500L, 995_500L);
    assertThat(turns).allSatisfy(turn -> {
      assertThat(turn.steps()).extracting(SlowTurns.Step::name)
          .containsExactly("ChatService.handle", "CommandParser.parse", "SearchEngine.search");
      assertThat(turn.command()).isEqualTo("/ask");
    });
    assertThat(slow.pendingTraces()).as("each turn took its spans").isZero();
    assertThat(slow.topZeroResultQueries(3)).hasSize(3).allSatisfy(entry -> assertThat(entry.getValue()).isGreaterThan(100));
    assertThat(slow.turnsByCommand().get("/ask")).containsExactly(1000, 0);

    JsonNode json = new ObjectMapper().readTree(slow.json());
    assertThat(json.get("turns")).hasSize(5);
    assertThat(json.get("turns").get(0).get("durationMs").asDouble()).isEqualTo(999.5);
    assertThat(json.get("turns").get(0).get("steps").get(2).get("parentId").asText())
        .isEqualTo(json.get("turns").get(0).get("steps").get(0).get("spanId").asText());
    assertThat(slow.json()).as("no session or user id leaves through /api/slow-turns").doesNotContain("sess-")
        .doesNotContain("user-");
  }

  @Test
  void tracesWithoutTheirTurnAreBounded() {
    SlowTurns slow = new SlowTurns(20, now::get);
    for (int trace = 0; trace < 1_000; trace++) {
      List<SpanData> batch = new ArrayList<>();
      for (int n = 1; n <= 100; n++) {
        batch.add(span(trace, n, 0, "JDBC", "jdbc", T0, 10, Attributes.empty()));
      }
      slow.accept(batch);
    }
    assertThat(slow.pendingTraces()).isEqualTo(SlowTurns.MAX_PENDING_TRACES);
    // the last trace's turn arrives: at most MAX_SPANS_PER_TURN steps
    slow.accept(List.of(span(999, 0, -1, "ChatService.handle", "turn", T0, 1_000, Attributes.empty())));
    assertThat(slow.slowest()).hasSize(1);
    assertThat(slow.slowest().get(0).steps()).hasSize(SlowTurns.MAX_SPANS_PER_TURN);
  }

  @Test
  void zeroResultQueryHashesAreBounded() {
    SlowTurns slow = new SlowTurns(0, now::get);
    for (int i = 0; i < 5_000; i++) {
      slow.accept(List.of(span(i, 1, 0, "SearchEngine.search", "search", T0, 10, Attributes.builder()
          .put("chatbot.search.results", 0L).put("chatbot.search.query.hash", "hash" + i).build())));
    }
    assertThat(slow.topZeroResultQueries(Integer.MAX_VALUE)).hasSize(SlowTurns.MAX_QUERY_HASHES);
    assertThat(slow.pendingTraces()).as("keep=0: nothing waits").isZero();
    assertThat(slow.slowest()).isEmpty();
  }

  @Test
  void turnsOlderThanAnHourLeaveTheList() {
    SlowTurns slow = new SlowTurns(3, now::get);
    slow.accept(turn(1, T0, 900_000));
    now.addAndGet(30 * 60_000);
    slow.accept(turn(2, now.get(), 1_000));
    assertThat(slow.slowest()).extracting(SlowTurns.Turn::durationMicros).containsExactly(900_000L, 1_000L);
    now.addAndGet(31 * 60_000);
    assertThat(slow.slowest()).extracting(SlowTurns.Turn::durationMicros).containsExactly(1_000L);
  }
}
