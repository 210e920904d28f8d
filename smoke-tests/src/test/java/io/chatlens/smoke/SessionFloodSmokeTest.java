package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A million distinct sessions, opened and never closed, through the real agent jar with a 128 MB heap: the agent's
 * session table stays at {@code chatlens.session.max-tracked} (100,000 by default), the rest are reported as evicted,
 * and the heap the agent keeps after the flood is bounded. An unbounded table (about 450 bytes a session) would need
 * some 450 MB and end in an OutOfMemoryError.
 */
class SessionFloodSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int FLOOD = 1_000_000;
  private static final int MAX_TRACKED = 100_000;
  private static final Pattern HEAP = Pattern.compile("opened=(\\d+) heapBeforeMb=(\\d+) heapAfterMb=(\\d+)");

  private static AgentJvm floodBot() {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.demoDependencies());
    return AgentJvm.main("org.acme.sessions.FloodBot").classpath(classpath).args(Integer.toString(FLOOD))
        .agentOptions("config=" + Paths.testClasses().resolve("sessions/agent.properties"))
        .jvmArg("-Xmx128m").jvmArg("-XX:+UseG1GC");
  }

  @Test
  void aMillionSessionsKeepTheAgentsMemoryBounded() throws Exception {
    long plainGrowth;
    try (RunningJvm jvm = floodBot().withoutAgent().start()) {
      jvm.awaitStdout("flooded", TIMEOUT);
      plainGrowth = growthMb(jvm.stdout());
      jvm.send("stop");
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
    }
    int port = Ports.free();
    try (RunningJvm jvm = floodBot().property("chatlens.prometheus.port", Integer.toString(port))
        .property("otel.traces.exporter", "none").property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none").start()) {
      jvm.awaitStdout("flooded", TIMEOUT);
      Matcher heap = HEAP.matcher(jvm.stdout());
      assertThat(heap.find()).as(jvm.describe()).isTrue();
      assertThat(Long.parseLong(heap.group(1))).isEqualTo(FLOOD);
      long growth = growthMb(jvm.stdout());
      // 100,000 tracked sessions (measured: about 48 MB, some 450 bytes each) and the agent's other tables; a table
      // of a million would not fit in the 128 MB heap (with chatlens.session.max-tracked=10000000: OutOfMemoryError)
      assertThat(growth - plainGrowth).as("heap kept by the agent after the flood, MB").isLessThan(80);
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(metric(port, "chatbot_sessions_created_total")).isEqualTo(FLOOD);
        assertThat(metric(port, "chatbot_active_sessions")).as("sessions tracked").isEqualTo(MAX_TRACKED);
        assertThat(metric(port, "chatbot_sessions_ended_total{reason=\"evicted\"")).as("the rest evicted")
            .isEqualTo(FLOOD - MAX_TRACKED);
      });
      jvm.send("stop");
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stderr()).doesNotContain("OutOfMemoryError").doesNotContain("[chatlens] ERROR");
    }
  }

  private static long growthMb(String stdout) {
    Matcher heap = HEAP.matcher(stdout);
    assertThat(heap.find()).as(stdout).isTrue();
    return Long.parseLong(heap.group(3)) - Long.parseLong(heap.group(2));
  }

  /** The sum of every series of /metrics whose line starts with this text (a name, or a name and labels). */
  private static long metric(int port, String prefix) {
    long sum = 0;
    boolean found = false;
    for (String line : Http.get("http://127.0.0.1:" + port + "/metrics").body().split("\n")) {
      if (line.startsWith(prefix) && line.length() > prefix.length()
          && (line.charAt(prefix.length()) == ' ' || line.charAt(prefix.length()) == '{'
              || prefix.endsWith("\"") && (line.charAt(prefix.length()) == ',' || line.charAt(prefix.length()) == '}'))) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    assertThat(found).as(prefix + " in /metrics").isTrue();
    return sum;
  }
}
