package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** With chatlens.turn.parent, a turn continues the trace of the traceparent it receives, as its SERVER span. */
class TurnParentSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

  @Test
  void aTurnContinuesTheTraceOfTheTraceparentItReceives() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm jvm = AgentJvm.main("com.example.probe.RemoteParentChatService").args(TRACE_ID, PARENT_SPAN_ID)
            .classpath(java.util.List.of(Paths.testClasses())).exportTo(receiver)
            .property("chatlens.turn.parent", "arg0").property("otel.service.name", "remote-parent").start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdout()).isEqualTo("ok hello\n");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        ReceivedSpan turn = Spans.named(receiver.spans(), "RemoteParentChatService.handle").get(0);
        assertThat(Spans.traceId(turn)).isEqualTo(TRACE_ID);
        assertThat(HexFormat.of().formatHex(turn.span().getParentSpanId().toByteArray())).isEqualTo(PARENT_SPAN_ID);
        assertThat(turn.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
      });
    }
  }
}
