package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Through the agent jar ({@code org.acme.deep.DeepBot}): in a turn, an instrumented search and an instrumented
 * (nested) turn call each other until a {@code StackOverflowError}, which strikes inside the agent's advice too (on
 * entry, or as an exit is called). The turn catches it and searches again, three times. The calls made after an
 * overflow get the right parents: the search made in the turn that caught it is that turn's child, and later, on
 * the same thread, a turn is a new root with its search as its child, and a search on its own is a new root, never
 * the child of a span left current by the failed recursion. Eight walks the agent does not instrument search at each
 * of their deepest levels until the stack overflows inside the agent's code, and the application catches the error
 * outside any instrumented call: the search made after each is a new root.
 */
class StackOverflowScopeSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** The parent span id of a root span, in hex: none. */
  private static final String ROOT = "";

  @Test
  void callsAfterAStackOverflowGetTheRightParents() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm jvm = AgentJvm.main("org.acme.deep.DeepBot").classpath(List.of(Paths.testClasses()))
            .agentOptions("config=" + Paths.testClasses().resolve("deep/agent.properties")).exportTo(receiver)
            .start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdout()).isEqualTo("overflowed, then found 6\n".repeat(3) + "check 5\n".repeat(8)
          + "walks overflowed: 8\nfound 18\nalone 5\n");

      await().atMost(TIMEOUT).untilAsserted(() -> {
        List<ReceivedSpan> spans = Spans.ofService(receiver.spans(), "deep");
        assertThat(searches(spans, "6")).as("the searches after each overflow").hasSize(3);
        assertThat(searches(spans, "18")).hasSize(1);
        assertThat(searches(spans, "5")).hasSize(9);
        assertThat(Spans.named(spans, "Desk.answer")).hasSize(4);
      });
      List<ReceivedSpan> spans = Spans.ofService(receiver.spans(), "deep");
      List<ReceivedSpan> recursion = spans.stream().filter(span -> span.span().getName().equals("Desk.consult")
          || span.span().getName().equals("Library.find") && "4".equals(span.attribute("chatbot.search.query.length")))
          .toList();
      assertThat(recursion).as("spans of the recursions that overflowed, each level with its own")
          .hasSizeGreaterThan(300);
      Set<String> recursionSpans = recursion.stream().map(Spans::spanId).collect(Collectors.toSet());

      List<ReceivedSpan> overflowedTurns = Spans.named(spans, "Desk.answer").stream()
          .filter(turn -> !Spans.traceId(turn).equals(Spans.traceId(searches(spans, "18").get(0)))).toList();
      assertThat(overflowedTurns).as("the turns that caught an overflow").hasSize(3);
      Set<String> overflowedTurnIds = overflowedTurns.stream().map(Spans::spanId).collect(Collectors.toSet());
      assertThat(searches(spans, "6")).as("each search after a caught overflow is the child of its turn")
          .isNotEmpty().allSatisfy(search -> {
            assertThat(overflowedTurnIds).contains(Spans.parentId(search));
            assertThat(recursionSpans).doesNotContain(Spans.parentId(search));
          });
      assertThat(searches(spans, "6")).extracting(Spans::parentId).doesNotHaveDuplicates();

      ReceivedSpan inTurn = searches(spans, "18").get(0);
      ReceivedSpan turn = spans.stream().filter(span -> Spans.spanId(span).equals(Spans.parentId(inTurn)))
          .findFirst().orElseThrow(() -> new AssertionError("the parent of the search of the last turn"));
      assertThat(turn.span().getName()).isEqualTo("Desk.answer");
      assertThat(overflowedTurnIds).doesNotContain(Spans.spanId(turn));
      assertThat(Spans.parentId(turn)).as("the turn after the overflows is a new root").isEqualTo(ROOT);
      Set<String> recursionTraces = recursion.stream().map(Spans::traceId).collect(Collectors.toSet());
      assertThat(recursionTraces).doesNotContain(Spans.traceId(turn));
      List<ReceivedSpan> leaves = searches(spans, "2");
      assertThat(leaves).as("the searches of the walks that overflowed").hasSizeGreaterThan(8 * 50);
      Set<String> leafSpans = leaves.stream().map(Spans::spanId).collect(Collectors.toSet());
      assertThat(searches(spans, "5")).as("each search after a walk, and the last one: new roots").hasSize(9)
          .allSatisfy(alone -> {
            assertThat(Spans.parentId(alone)).isEqualTo(ROOT);
            assertThat(leafSpans).doesNotContain(Spans.parentId(alone));
          });
    }
  }

  private static List<ReceivedSpan> searches(List<ReceivedSpan> spans, String queryLength) {
    return Spans.named(spans, "Library.find").stream()
        .filter(span -> queryLength.equals(span.attribute("chatbot.search.query.length"))).toList();
  }
}
