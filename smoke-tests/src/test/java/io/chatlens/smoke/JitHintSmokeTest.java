package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Processes;
import io.chatlens.smoke.harness.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code chatlens.jit.light-background}: the agent adds a HotSpot compiler directive that keeps its one-shot code
 * (Byte Buddy, configuration parsing, alerts, the endpoint) on C1, and one that compiles the instrumentation's
 * request path without inlining other ChatLens code into it. Checked from outside with {@code jcmd
 * Compiler.directives_print} on a running chatbot, the way an operator would.
 */
class JitHintSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static AgentJvm repl() {
    return DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl").exportNowhere()
        .property("chatlens.debug", "true").property("chatlens.prometheus.enabled", "false");
  }

  private static String directives(long pid) {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Path jcmd = java.resolveSibling("jcmd");
    return Processes.succeed(List.of(jcmd.toString(), Long.toString(pid), "Compiler.directives_print"),
        Duration.ofSeconds(30));
  }

  @Test
  void theAgentsBackgroundCodeIsKeptOffC2() throws Exception {
    try (RunningJvm chatbot = repl().start()) {
      chatbot.awaitStderr("JIT hint: 2 compiler directives added", TIMEOUT);
      String printed = directives(chatbot.pid());
      assertThat(printed).as(printed).contains("io/chatlens/shaded/net/").contains("io/chatlens/agent/config/")
          .doesNotContain("io/chatlens/agent/logging/");
      // the second directive: the request path compiled without other ChatLens code inlined into it
      assertThat(printed).as(printed).contains("io/chatlens/instrumentation/").containsPattern("inline:\\s*-io/chatlens/");
      chatbot.send("/help");
      chatbot.awaitStdout("/search", TIMEOUT);
      chatbot.closeStdin();
      assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
    }
  }

  @Test
  void theHintCanBeTurnedOff() throws Exception {
    try (RunningJvm chatbot = repl().property("chatlens.jit.light-background", "false").start()) {
      chatbot.awaitStderr("ready in", TIMEOUT);
      assertThat(directives(chatbot.pid())).doesNotContain("io/chatlens/");
      assertThat(chatbot.stderr()).doesNotContain("JIT hint");
      chatbot.closeStdin();
      assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
    }
  }
}
