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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's own libraries are invisible to the application, and an application that ships its own
 * Logback, SLF4J, OpenTelemetry or Byte Buddy behaves exactly as without the agent.
 */
class IsolationSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static OtlpReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = new OtlpReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  void agentLibrariesAreInvisibleToTheApplication() throws Exception {
    List<String> hidden = List.of(
        "net.bytebuddy.ByteBuddy",
        "ch.qos.logback.classic.Logger",
        "org.slf4j.LoggerFactory",
        "io.opentelemetry.api.OpenTelemetry",
        "io.opentelemetry.sdk.OpenTelemetrySdk",
        "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter",
        "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk",
        "io.chatlens.shaded.net.bytebuddy.ByteBuddy",
        "io.chatlens.shaded.ch.qos.logback.classic.Logger",
        "io.chatlens.shaded.io.opentelemetry.sdk.OpenTelemetrySdk",
        "jakarta.mail.Session",
        "jakarta.activation.DataHandler",
        "org.eclipse.angus.mail.smtp.SMTPTransport",
        "io.chatlens.shaded.jakarta.mail.Session",
        "io.chatlens.shaded.org.eclipse.angus.mail.smtp.SMTPTransport",
        "io.chatlens.agent.AgentStarter",
        "io.chatlens.instrumentation.weaving.Weaver");
    List<String> args = new ArrayList<>(hidden);
    args.add("com.example.probe.ProbeChatService");

    try (RunningJvm jvm = AgentJvm.main("com.example.probe.ClassVisibilityProbe")
        .classpath(Paths.testClasses()).exportTo(receiver).args(args.toArray(new String[0])).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      for (String name : hidden) {
        assertThat(jvm.stdout()).as(jvm.describe()).contains(name + "=MISSING");
      }
      assertThat(jvm.stdout()).contains("com.example.probe.ProbeChatService=FOUND");
      assertThat(jvm.stderr()).contains("[chatlens] ChatLens").doesNotContain("ERROR").doesNotContain("Exception");
    }
    awaitSpan("ProbeChatService.handle");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "logback {0}, slf4j {1}")
  @org.junit.jupiter.params.provider.CsvSource({"1.2.13, 1.7.36, logback12", "1.5.38, 2.0.17, logback15"})
  void applicationWithItsOwnLogbackAndSlf4jIsUnchanged(String logback, String slf4j, String libs) throws Exception {
    Path appConfig = Paths.testClasses().resolve("probe-logback");
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses(), appConfig));
    classpath.addAll(Paths.isolationLibs(libs));

    Comparison comparison = compare("com.example.probe.LogbackProbe", classpath);

    assertThat(comparison.withoutAgent).contains("starting with logback-classic-" + logback + ".jar")
        .contains("slf4j from slf4j-api-" + slf4j + ".jar").contains("[user=u-42] - reply was 'echo hello'");
    Path appLog = comparison.agentDirectory.resolve("app-only.log");
    assertThat(Files.readString(appLog)).as("the application's own log file")
        .contains("APP INFO  com.example.probe.LogbackProbe - done")
        .doesNotContainIgnoringCase("chatlens");
    assertThat(Files.readString(comparison.agentDirectory.resolve("logs/chatbot.log"))).as("the agent's own log file")
        .contains("[INFO] [chatlens_agent] [start] ChatLens").doesNotContain("LogbackProbe");
  }

  @Test
  void worksTheSameOnJava25() throws Exception {
    Path java25 = Paths.java25(); // fails, saying how to provide one, when this machine has no JDK 25
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses(), Paths.testClasses().resolve("probe-logback")));
    classpath.addAll(Paths.isolationLibs("logback12"));
    byte[] plain;
    try (RunningJvm jvm = AgentJvm.main("com.example.probe.LogbackProbe").classpath(classpath).withoutAgent()
        .javaHome(java25).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      plain = jvm.stdoutBytes();
    }
    try (RunningJvm jvm = AgentJvm.main("com.example.probe.LogbackProbe").classpath(classpath).exportTo(receiver)
        .property("otel.service.name", "java25-probe").javaHome(java25).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdoutBytes()).as(jvm.describe()).isEqualTo(plain);
      assertThat(jvm.stderr()).doesNotContain("[chatlens] ERROR").doesNotContain("could not instrument");
    }
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.spans()).anySatisfy(span -> {
      assertThat(span.span().getName()).isEqualTo("ProbeChatService.handle");
      assertThat(span.resourceAttribute("service.name")).isEqualTo("java25-probe");
    }));
  }

  @Test
  void agentIgnoresTheApplicationsLogbackConfigurationFileProperty() throws Exception {
    Path appConfig = Paths.testClasses().resolve("probe-logback").resolve("logback.xml");
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.isolationLibs("logback12"));

    try (RunningJvm jvm = AgentJvm.main("com.example.probe.LogbackProbe").classpath(classpath)
        .property("logback.configurationFile", appConfig.toString()).property("chatlens.debug", "true")
        .exportTo(receiver).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(Files.readString(jvm.workingDirectory().resolve("app-only.log")))
          .contains("APP INFO  com.example.probe.LogbackProbe - done").doesNotContainIgnoringCase("chatlens");
    }
  }

  @Test
  void applicationWithItsOwnOpenTelemetryIsUnchanged() throws Exception {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.isolationLibs("otel"));

    Comparison comparison = compare("com.example.probe.OtelProbe", classpath);

    assertThat(comparison.withoutAgent).contains("api from opentelemetry-api-1.40.0.jar")
        .contains("global is registered by the application: ").contains("app spans: [app-span kept]");
  }

  @Test
  void applicationWithItsOwnByteBuddyIsUnchanged() throws Exception {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.isolationLibs("bytebuddy"));

    Comparison comparison = compare("com.example.probe.ByteBuddyProbe", classpath);

    assertThat(comparison.withoutAgent).contains("byte buddy from byte-buddy-1.14.18.jar")
        .contains("made by the application's Byte Buddy");
  }

  private record Comparison(String withoutAgent, Path agentDirectory) {}

  /** Runs the app without and with the agent; stdout must be identical byte for byte. */
  private Comparison compare(String mainClass, List<Path> classpath) throws Exception {
    byte[] plain;
    try (RunningJvm jvm = AgentJvm.main(mainClass).classpath(classpath).withoutAgent().start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      plain = jvm.stdoutBytes();
    }
    try (RunningJvm jvm = AgentJvm.main(mainClass).classpath(classpath).exportTo(receiver).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(new String(jvm.stdoutBytes(), java.nio.charset.StandardCharsets.UTF_8)).as(jvm.describe())
          .isEqualTo(new String(plain, java.nio.charset.StandardCharsets.UTF_8));
      assertThat(jvm.stdoutBytes()).isEqualTo(plain);
      assertThat(jvm.stderr()).as(jvm.describe()).contains("[chatlens] ChatLens").doesNotContain("[chatlens] ERROR");
      awaitSpan("ProbeChatService.handle");
      return new Comparison(new String(plain, java.nio.charset.StandardCharsets.UTF_8), jvm.workingDirectory());
    }
  }

  private static void awaitSpan(String name) {
    await().atMost(TIMEOUT).untilAsserted(() ->
        assertThat(receiver.spans()).extracting(span -> span.span().getName()).contains(name));
  }
}
