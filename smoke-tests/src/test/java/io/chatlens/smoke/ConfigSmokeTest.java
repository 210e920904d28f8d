package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent.properties through the real agent: where it is found, precedence, validation, strict, disabled. */
class ConfigSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String APP = "com.example.probe.ClassVisibilityProbe";
  private static OtlpReceiver receiver;

  @TempDir
  Path dir;

  @BeforeAll
  static void startReceiver() {
    receiver = new OtlpReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  private AgentJvm app() {
    return AgentJvm.main(APP).classpath(Paths.testClasses()).workingDirectory(dir).exportTo(receiver);
  }

  private Path write(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines));
    return file;
  }

  private static String run(AgentJvm jvm) throws Exception {
    try (RunningJvm running = jvm.start()) {
      assertThat(running.waitForExit(TIMEOUT)).as(running.describe()).isZero();
      assertThat(running.stdout()).as(running.describe()).contains("echo ready");
      return running.stderr();
    }
  }

  @Test
  void malformedConfigurationNeverStopsTheApplication() throws Exception {
    Path config = write("agent.properties",
        "chatlens.init.timeout=soon",
        "chatlens.instrument.sesion=com.acme.Sessions#open",
        "otel.traces.sampler=sometimes",
        "chatlens.instrument.search=com.acme.Search#find-all",
        "\u0000\u0001garbage\\u12",
        "=no key",
        "otel.service.name=malformed-but-running");

    String stderr = run(app());

    assertThat(stderr)
        .contains("[chatlens] ERROR " + config + ":1: chatlens.init.timeout=soon: is invalid: expected a duration")
        .contains("[chatlens] WARN " + config + ":2: chatlens.instrument.sesion=com.acme.Sessions#open: unknown key; "
            + "did you mean chatlens.instrument.session?")
        .contains(config + ":3: otel.traces.sampler=sometimes: is invalid: expected one of always_on")
        .contains(config + ":4: chatlens.instrument.search=com.acme.Search#find-all")
        .contains(config + ":5:")
        .contains(config + ":6:")
        .contains("service malformed-but-running");
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.spans())
        .anySatisfy(span -> assertThat(span.resourceAttribute("service.name")).isEqualTo("malformed-but-running")));
  }

  @Test
  void unreadableBinaryFileIsReportedAndDefaultsApply() throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.write(config, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, '=', '\\', 'u', '9'});

    String stderr = run(app());

    assertThat(stderr).contains("[chatlens] ERROR " + config + ":1:").contains("[chatlens] ChatLens");
  }

  @Test
  void strictModeRefusesToStartTheAgentButNotTheApplication() throws Exception {
    write("agent.properties", "chatlens.strict=true", "chatlens.instrument.grace-period=later");

    String stderr = run(app());

    assertThat(stderr).contains("chatlens.instrument.grace-period=later: is invalid")
        .contains("chatlens.strict=true and the configuration has 1 error(s): the agent does not start")
        .doesNotContain("[chatlens] ChatLens");
  }

  @Test
  void disabledAgentInstallsNothing() throws Exception {
    write("agent.properties", "chatlens.enabled=false");

    String stderr = run(app());

    assertThat(stderr).contains("agent disabled by chatlens.enabled=false").doesNotContain("[chatlens] ChatLens");
  }

  @Test
  void disabledByAFileWithAByteOrderMarkBeforeAnythingIsLoaded() throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.write(config, "\uFEFFchatlens.enabled=false\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    String stderr = run(app());

    assertThat(stderr).contains("agent disabled by chatlens.enabled=false (" + config.getFileName() + "); nothing was installed");
  }

  @Test
  void disabledThroughTheEnvironment() throws Exception {
    String stderr = run(app().env("CHATLENS_ENABLED", "false"));

    assertThat(stderr).contains("agent disabled by chatlens.enabled=false (environment variable CHATLENS_ENABLED)");
  }

  @Test
  void configurationFileIsFoundInTheDocumentedOrder() throws Exception {
    write("agent.properties", "otel.service.name=from-working-directory");
    Path env = write("env.properties", "otel.service.name=from-env");
    Path option = write("option.properties", "otel.service.name=from-option");
    Path property = write("property.properties", "otel.service.name=from-property");

    assertThat(run(app())).contains("service from-working-directory");
    assertThat(run(app().env("CHATLENS_CONFIG", env.toString()))).contains("service from-env");
    assertThat(run(app().env("CHATLENS_CONFIG", env.toString()).agentOptions("config=" + option)))
        .contains("service from-option");
    assertThat(run(app().env("CHATLENS_CONFIG", env.toString()).agentOptions("config=" + option)
        .property("chatlens.config", property.toString()))).contains("service from-property");
  }

  @Test
  void systemPropertiesBeatEnvironmentBeatFile() throws Exception {
    write("agent.properties", "otel.service.name=from-file", "chatlens.banner=true");

    assertThat(run(app().env("OTEL_SERVICE_NAME", "from-env"))).contains("service from-env");
    assertThat(run(app().env("OTEL_SERVICE_NAME", "from-env").property("otel.service.name", "from-property")))
        .contains("service from-property");
    assertThat(run(app().env("CHATLENS_BANNER", "false"))).doesNotContain("[chatlens] ChatLens");
  }

  @Test
  void secretsFromTheEnvironmentReachTheBackendButAreNeverPrinted() throws Exception {
    write("agent.properties",
        "otel.exporter.otlp.headers=Authorization=Bearer ${env:CHATBOT_OTLP_TOKEN}",
        "otel.service.name=secret-headers");

    String stderr = run(app().env("CHATBOT_OTLP_TOKEN", "t0ps3cr3t"));

    assertThat(stderr).doesNotContain("t0ps3cr3t");
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.wireMock().getAllServeEvents())
        .anySatisfy(event -> assertThat(event.getRequest().getHeader("Authorization")).isEqualTo("Bearer t0ps3cr3t")));
  }

  @Test
  void agentOptionsCarryKeysToo() throws Exception {
    String stderr = run(app().agentOptions("otel.service.name=from-agent-options,chatlens.instrument.auto-detect=false"));

    assertThat(stderr).contains("service from-agent-options").contains("| scopes app-logs, jdbc").doesNotContain("(convention)");
  }

  @Test
  void aFileWithAByteOrderMarkIsReadAndSecretLookingValuesAreMaskedEverywhere() throws Exception {
    Path config = dir.resolve("agent.properties");
    Files.write(config, ("\uFEFFotel.service.name=bom-service\n"
        + "chatlens.alerts.email.pasword=hunter2\n"
        + "otel.exporter.acme.api_tokn=t0k3n\n"
        + "otel.exporter.acme.api_tokn=t0k3n-again\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

    String stderr = run(app());
    io.chatlens.smoke.harness.AgentCli.Result printed =
        io.chatlens.smoke.harness.AgentCli.run(dir, "config", "--print", config.toString());

    assertThat(stderr).contains("service bom-service")
        .contains("[chatlens] WARN " + config + ":2: chatlens.alerts.email.pasword=****: unknown key")
        .contains(config + ":4: otel.exporter.acme.api_tokn=****: overrides the same key on line 3")
        .doesNotContain("hunter2").doesNotContain("t0k3n");
    assertThat(printed.stdout()).contains("otel.service.name=bom-service").contains("otel.exporter.acme.api_tokn=****")
        .doesNotContain("t0k3n");
    assertThat(printed.stderr()).contains("chatlens.alerts.email.pasword=****").doesNotContain("hunter2");
    Path audit = dir.resolve("logs/audit/chatbot-audit.log");
    await().atMost(TIMEOUT).until(() -> Files.exists(audit));
    String auditLog = Files.readString(audit);
    assertThat(auditLog).contains("setting=otel.exporter.acme.api_tokn, value=****")
        .contains("chatlens.alerts.email.pasword=****").doesNotContain("hunter2").doesNotContain("t0k3n");
  }

  @Test
  void aFileOverOneMegabyteIsOneClearErrorAndTheApplicationRunsWithTheDefaults() throws Exception {
    Path config = dir.resolve("agent.properties");
    StringBuilder text = new StringBuilder("otel.service.name=from-a-huge-file\n");
    while (text.length() <= 1024 * 1024) {
      text.append("# padding ").append("x".repeat(1000)).append('\n');
    }
    Files.writeString(config, text);

    String stderr = run(app());

    assertThat(stderr.lines().filter(line -> line.startsWith("[chatlens] ERROR"))).containsExactly(
        "[chatlens] ERROR " + config + ": the file is " + Files.size(config) + " bytes, over the limit of 1048576 bytes "
            + "(1 MB) for a configuration file; it is not read; using defaults");
    assertThat(stderr).contains("[chatlens] ChatLens").doesNotContain("from-a-huge-file");
  }
}
