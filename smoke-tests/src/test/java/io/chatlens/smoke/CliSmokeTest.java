package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentCli;
import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar chatlens-agent.jar ...}: config printing and checking, version, attach. */
class CliSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void printShowsEveryEffectiveValueWithItsOriginAndMasksSecrets() throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.writeString(config, String.join("\n",
        "otel.service.name=helpdesk",
        "chatlens.instrument.session=org.acme.Registry#open*:create,retire*:cleanup",
        "otel.exporter.otlp.headers=Authorization=Bearer abc123,x-tenant=acme"));

    AgentCli.Result result = AgentCli.run(dir, "config", "--print", config.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .containsPattern("otel\\.service\\.name=helpdesk +# " + java.util.regex.Pattern.quote(config + ":1"))
        .containsPattern("chatlens\\.instrument\\.session=org\\.acme\\.Registry#open\\*:create,retire\\*:cleanup +# .*:2")
        .containsPattern("chatlens\\.enabled=true +# default")
        .contains("otel.exporter.otlp.headers=Authorization=****,x-tenant=****")
        .doesNotContain("abc123");
  }

  @Test
  void checkExitsZeroForAValidFileAndOneWithTheErrors() throws Exception {
    Path good = dir.resolve("good.properties");
    Files.writeString(good, "chatlens.debug=true\notel.service.name=chatbot\n");
    Path bad = dir.resolve("bad.properties");
    Files.writeString(bad, "chatlens.debug=perhaps\nchatlens.bannr=false\n");

    AgentCli.Result ok = AgentCli.run(dir, "config", "--check", good.toString());
    AgentCli.Result broken = AgentCli.run(dir, "config", "--check", bad.toString());

    assertThat(ok.exitCode()).isZero();
    assertThat(ok.stdout()).contains(good + ": OK");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.stderr()).contains("ERROR " + bad + ":1: chatlens.debug=perhaps: is invalid: expected true or false")
        .contains(bad + ": 1 error(s), 1 warning(s)");
    assertThat(broken.stdout()).contains("WARN " + bad + ":2: chatlens.bannr=false: unknown key; did you mean chatlens.banner?");
  }

  @Test
  void checkOfAMissingFileFails() throws Exception {
    AgentCli.Result result = AgentCli.run(dir, "config", "--check", dir.resolve("nope.properties").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("no such file");
  }

  @Test
  void versionUsageAndUnknownCommands() throws Exception {
    assertThat(AgentCli.run(dir, "version").stdout()).startsWith("ChatLens ");
    AgentCli.Result usage = AgentCli.run(dir);
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.stdout()).contains("attach <pid>").contains("config --check FILE");
    AgentCli.Result unknown = AgentCli.run(dir, "frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("unknown command 'frobnicate'");
  }

  @Test
  void keysPrintsTheReferenceOfEveryKey() throws Exception {
    AgentCli.Result result = AgentCli.run(dir, "config", "--keys");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("| `chatlens.enabled` | `true` |").contains("| `otel.traces.sampler` |");
  }

  @Test
  void attachesToARunningJvmAndInstrumentsClassesLoadedBeforeIt() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      Path config = dir.resolve("attach.properties");
      Files.writeString(config, String.join("\n",
          "otel.service.name=attached-app",
          "otel.exporter.otlp.endpoint=" + receiver.endpoint(),
          "otel.bsp.schedule.delay=100ms"));
      try (RunningJvm app = AgentJvm.main("com.example.probe.AttachableApp").classpath(Paths.testClasses())
          .withoutAgent().workingDirectory(dir).start()) {
        app.awaitStdout("waiting", TIMEOUT);

        AgentCli.Result attach = AgentCli.run(dir, "attach", Long.toString(app.pid()), "config=attach.properties");

        assertThat(attach.exitCode()).as(attach.stderr()).isZero();
        assertThat(attach.stdout()).contains("ChatLens agent loaded into JVM " + app.pid());
        app.awaitStderr("[chatlens] ChatLens", TIMEOUT);
        assertThat(app.stderr()).contains("attached").contains("service attached-app");
        await().atMost(TIMEOUT).untilAsserted(() -> {
          app.send("after attach");
          assertThat(receiver.spans()).anySatisfy(span -> {
            assertThat(span.span().getName()).isEqualTo("ProbeChatService.handle");
            assertThat(span.resourceAttribute("service.name")).isEqualTo("attached-app");
          });
        });
        app.send("quit");
        assertThat(app.waitForExit(TIMEOUT)).isZero();
        assertThat(app.stdout()).contains("echo before attach").contains("echo after attach");
      }
    }
  }
}
