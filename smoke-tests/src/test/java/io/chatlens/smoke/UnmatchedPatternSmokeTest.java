package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A configured pattern that matched nothing by the end of the grace period gets exactly one warning. */
class UnmatchedPatternSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void warnsOncePerPatternThatMatchedNothing() throws Exception {
    try (RunningJvm app = AgentJvm.main("com.example.probe.AttachableApp").classpath(Paths.testClasses())
        .exportNowhere().property("chatlens.prometheus.enabled", "false")
        .property("chatlens.instrument.grace-period", "1s")
        .property("chatlens.instrument.search", "com.acme.NoSuchSearch#find*")
        .property("chatlens.instrument.turn", "com.example.probe.ProbeChatService#handle").start()) {
      app.awaitStdout("waiting", TIMEOUT);
      app.awaitStderr("matched no class", TIMEOUT);
      app.send("one more turn");
      app.send("quit");
      assertThat(app.waitForExit(TIMEOUT)).isZero();
      assertThat(app.stderr()).contains(
          "[chatlens] WARN chatlens.instrument.search matched no class (pattern com.acme.NoSuchSearch#find*, after 1s)");
      assertThat(app.stderr().split("matched no class", -1)).as("one warning, for the search pattern only").hasSize(2);
    }
  }
}
