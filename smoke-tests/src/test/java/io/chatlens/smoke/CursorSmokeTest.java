package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A search that returns a one-shot cursor ({@code org.acme.cursor.Hits}: iterable once, {@code size()} would run
 * another query), and one that returns a lazy ORM-like collection ({@code org.acme.cursor.LazyBag}, whose every
 * {@code size()} the chatbot counts): with the agent the chatbot gives the same answers, and sees the same number
 * of {@code size()} calls, as without, because the agent never iterates or calls into a value it cannot count
 * without side effects. The same goes for a session cleanup that returns a lazy collection
 * ({@code org.acme.cursor.Sessions.Expired}): the agent never reads it, so the chatbot counts no reads.
 */
class CursorSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static AgentJvm cursorBot() {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.demoDependencies());
    return AgentJvm.main("org.acme.cursor.CursorBot").classpath(classpath)
        .agentOptions("config=" + Paths.testClasses().resolve("cursor/agent.properties"));
  }

  @Test
  void aCursorLikeSearchResultGivesTheSameAnswersWithTheAgent() throws Exception {
    String plain;
    try (RunningJvm jvm = cursorBot().withoutAgent().start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      plain = jvm.stdout();
    }
    assertThat(plain).contains("answered 4 of 5").contains("size() of lazy archive results called 1 times")
        .contains("reads of the lazy expired sessions: 0");
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm jvm = cursorBot().exportTo(receiver).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdout()).as("the application's answers with the agent").isEqualTo(plain);
      assertThat(jvm.stderr()).doesNotContain("[chatlens] ERROR");
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Spans.named(Spans.ofService(receiver.spans(), "cursor"),
          "Index.search")).as("%s", receiver.spans().stream().map(received -> received.span().getName()).toList()).hasSize(5));
      List<ReceivedSpan> searches = Spans.named(Spans.ofService(receiver.spans(), "cursor"), "Index.search");
      assertThat(searches).isNotEmpty().allSatisfy(span -> {
        assertThat(span.attribute("chatbot.search.results")).as("not counted: unknown").isNull();
        assertThat(span.attribute("error.type")).isNull();
      });
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Spans.named(Spans.ofService(receiver.spans(), "cursor"),
          "Sessions.expireIdle")).as("the cleanup that returned a lazy collection was instrumented").hasSize(1));
      List<ReceivedSpan> archive = Spans.named(Spans.ofService(receiver.spans(), "cursor"), "Index.archive");
      assertThat(archive).as("the lazy collection's search").hasSize(1)
          .allSatisfy(span -> assertThat(span.attribute("chatbot.search.results")).isNull());
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.metrics()).anySatisfy(metric -> {
        assertThat(metric.metric().getName()).isEqualTo("chatbot.search.requests");
        assertThat(metric.metric().getSum().getDataPointsList()).anySatisfy(point -> {
          assertThat(point.getAttributesList()).anySatisfy(kv -> {
            assertThat(kv.getKey()).isEqualTo("outcome");
            assertThat(kv.getValue().getStringValue()).isEqualTo("unknown");
          });
          assertThat(point.getAsInt()).as("5 cursor searches and 1 lazy archive search").isEqualTo(6);
        });
      }));
    }
  }
}
