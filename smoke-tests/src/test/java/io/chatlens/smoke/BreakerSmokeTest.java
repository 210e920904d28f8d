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
 * Self-protection through the real agent jar: a chatbot with a 64 MB heap serves turns without pause (every fifth
 * fails) and then holds most of its heap. The circuit breaker degrades (one WARN line per step, {@code /health} and
 * {@code chatlens_breaker_level} show it, DEBUG/INFO events are shed), and when the chatbot lets the memory go it
 * recovers step by step to level 0 (one INFO line per step). Through it all, the error counts stay exact.
 */
class BreakerSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern LEVEL = Pattern.compile("\"breaker\":\\{\"enabled\":true,\"level\":(\\d)");

  private static AgentJvm pressureBot(int port) {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.demoDependencies());
    return AgentJvm.main("org.acme.pressure.PressureBot").classpath(classpath)
        .agentOptions("config=" + Paths.testClasses().resolve("pressure/agent.properties"))
        .jvmArg("-Xmx64m").jvmArg("-XX:+UseG1GC")
        .property("chatlens.prometheus.port", Integer.toString(port))
        .property("otel.traces.exporter", "none").property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none");
  }

  @Test
  void degradesUnderGcPressureAndRecoversWhenTheMemoryIsReleasedWithExactErrorCounts() throws Exception {
    int port = Ports.free();
    try (RunningJvm jvm = pressureBot(port).start()) {
      jvm.awaitStdout("serving", TIMEOUT);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(metric(port, "chatbot_requests_total")).isGreaterThan(100));

      jvm.send("hold");
      jvm.awaitStdout("holding", TIMEOUT);
      // GC time may be the first signal to cross (the chatbot runs full collections while it fills its heap); heap
      // after GC then holds above its threshold and takes the breaker to the top level
      jvm.awaitStderr("[chatlens] WARN self-protection: level 1 of 3 (DEBUG and INFO events dropped), was 0: ", TIMEOUT);
      assertThat(jvm.stderr()).containsPattern("WARN self-protection: level 1 of 3 .*(heap after GC \\d+% >= 70%|GC time "
          + "\\d+% >= 25%)");
      jvm.awaitStderr("[chatlens] WARN self-protection: level 3 of 3 (", TIMEOUT);
      assertThat(jvm.stderr()).containsPattern("WARN self-protection: level [23] of 3 .*heap after GC \\d+% >= 70%");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(level(port)).as("/health").isEqualTo(3);
        assertThat(metric(port, "chatlens_breaker_level")).as("the level metric").isEqualTo(3);
        assertThat(metric(port, "chatlens_breaker_transitions_total{direction=\"degrade\"")).isGreaterThanOrEqualTo(3);
        assertThat(metric(port, "chatlens_breaker_shed_total{item=\"log_event\"")).as("INFO events shed").isPositive();
        assertThat(metric(port, "chatlens_breaker_shed_total{item=\"span\"")).as("search spans shed").isPositive();
      });

      jvm.send("release");
      jvm.awaitStdout("released", TIMEOUT);
      jvm.awaitStderr("[chatlens] INFO self-protection: level 0 of 3 (normal: nothing shed)", TIMEOUT);
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(level(port)).as("/health").isZero();
        assertThat(metric(port, "chatlens_breaker_level")).isZero();
      });

      jvm.send("stop");
      jvm.awaitStdout("served=", TIMEOUT);
      Matcher counts = Pattern.compile("served=(\\d+) failed=(\\d+)").matcher(jvm.stdout());
      assertThat(counts.find()).isTrue();
      long served = Long.parseLong(counts.group(1));
      long failed = Long.parseLong(counts.group(2));
      assertThat(failed).as("turns that failed").isPositive().isEqualTo(served / 5);
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(metric(port, "chatbot_requests_total")).as("every turn counted").isEqualTo(served);
        assertThat(metric(port, "chatbot_requests_total{endpoint=\"/chat\",status=\"error\"")).as("failed turns")
            .isEqualTo(failed);
        assertThat(metric(port, "chatbot_errors_total")).as("every error counted, at every level").isEqualTo(failed);
      });

      // one line per level change, no more
      long degrades = metric(port, "chatlens_breaker_transitions_total{direction=\"degrade\"");
      long recoveries = metric(port, "chatlens_breaker_transitions_total{direction=\"recover\"");
      String stderr = jvm.stderr();
      assertThat(count(stderr, "[chatlens] WARN self-protection: level ")).isEqualTo(degrades).isPositive();
      assertThat(count(stderr, "[chatlens] INFO self-protection: level ")).isEqualTo(recoveries).isEqualTo(degrades);
      assertThat(stderr).doesNotContain("OutOfMemoryError").doesNotContain("[chatlens] ERROR");
    }
  }

  /** The breaker's level in /health. */
  private static int level(int port) {
    Matcher matcher = LEVEL.matcher(Http.get("http://127.0.0.1:" + port + "/health").body());
    assertThat(matcher.find()).as("/health has the breaker").isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  /** The sum of every series of /metrics whose line starts with this text (a name, or a name and labels). */
  private static long metric(int port, String prefix) {
    long sum = 0;
    boolean found = false;
    for (String line : Http.get("http://127.0.0.1:" + port + "/metrics").body().split("\n")) {
      if (line.startsWith(prefix) && (line.charAt(prefix.length()) == ' ' || line.charAt(prefix.length()) == '{'
          || prefix.endsWith("\"") && line.charAt(prefix.length()) == ',' || line.charAt(prefix.length()) == '}')) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    assertThat(found).as(prefix + " in /metrics").isTrue();
    return sum;
  }

  private static long count(String text, String needle) {
    long count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
