package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.SeedGrok;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Getting started in five minutes", step 2 as written (the demo's arguments are read from the README):
 * the chatbot keeps running, the structured log fills with lines in the seed's format, {@code /metrics} has the
 * chatbot's metrics and {@code /health} answers, with the shipped config/agent.properties and no backend at all; and
 * a healthy demo fires no alert.
 */
class GettingStartedSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  /** The demo's arguments of the README's step 2 ({@code -jar smoke-tests/target/chatbot-demo.jar ...}). */
  static List<String> readmeDemoArguments() throws Exception {
    String readme = Files.readString(Paths.repoRoot().resolve("README.md"));
    int start = readme.indexOf("## Getting started in five minutes");
    assertThat(start).as("the README's getting started section").isNotNegative();
    Matcher command = Pattern.compile("-javaagent:agent/target/chatlens-agent\\.jar=config=config/agent\\.properties"
        + " \\\\\\n\\s+-jar smoke-tests/target/chatbot-demo\\.jar ([^\\n]+)\\n").matcher(readme);
    assertThat(command.find(start)).as("step 2's command").isTrue();
    return List.of(command.group(1).strip().split("\\s+"));
  }

  @Test
  void stepTwoKeepsRunningWritesTheLogAndServesMetricsAndHealth() throws Exception {
    List<String> arguments = readmeDemoArguments();
    assertThat(arguments).containsSubsequence("--turns", "3000").contains("--quiet");
    int port = Ports.free();
    List<Path> classpath = new ArrayList<>(List.of(Paths.demoClasses()));
    classpath.addAll(Paths.demoDependencies());
    try (RunningJvm demo = AgentJvm.main("com.example.chatbot.ChatbotApp").classpath(classpath)
        .agentOptions("config=" + Paths.repoRoot().resolve("config/agent.properties"))
        .args(arguments.toArray(String[]::new)).workingDirectory(dir)
        // another port than the README's 9464, so that a test run never meets a demo someone left running
        .property("chatlens.prometheus.port", Integer.toString(port)).start()) {
      String base = "http://127.0.0.1:" + port;
      await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(Http.get(base + "/metrics").body())
          .containsPattern("(?m)^chatbot_requests_total\\{endpoint=\"/chat\",status=\"success\"} [1-9]")
          .containsPattern("(?m)^chatbot_active_sessions [1-9]"));
      Http.Response health = Http.get(base + "/health");
      assertThat(health.body()).contains("\"status\":").contains("\"agent\":{\"name\":\"chatlens\"");
      assertThat(demo.stderr()).contains("[chatlens] ChatLens ").contains("| config " + Paths.repoRoot()
          .resolve("config/agent.properties")).doesNotContain("[chatlens] ERROR");

      Path log = dir.resolve("logs/chatbot.log");
      await().atMost(TIMEOUT).until(() -> Files.exists(log) && Files.readAllLines(log).size() > 20);
      List<String> lines = Files.readAllLines(log);
      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(SeedGrok.parse(line)).as(line).isNotNull());
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("[chat_service] [handle] Handled message in "));
      assertThat(ProcessHandle.of(demo.pid()).map(ProcessHandle::isAlive)).as("the demo keeps running").contains(true);
      // a healthy demo fires no alert, in the log or on /health, once the alert engine has evaluated its rules on the
      // demo's turns (its KPI gauges appear on /metrics with its first evaluation that had data)
      await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(Http.get(base + "/metrics").body())
          .containsPattern("(?m)^chatbot_error_rate_ratio "));
      assertThat(Files.readAllLines(log)).noneMatch(line -> line.contains("[FIRING]"));
      assertThat(Http.get(base + "/health").body()).as("no alert pending or firing").contains("\"alerts\":[]");
    }
    assertThat(Arrays.asList(dir.toFile().list())).contains("logs");
  }
}
