package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedLog;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The application's own Logback (1.2 with SLF4J 1.7, and 1.5 with SLF4J 2) and java.util.logging events become OTLP log records with the trace
 * context of the active span (redacted), its Logback MDC gains trace_id and span_id, and so does its Log4j 2
 * context data ({@code %X{trace_id}}).
 */
class AppLogBridgeSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"logback12", "logback15"})
  void applicationLogsAreExportedWithTraceContextAndTheMdcCarriesTraceIds(String logback) throws Exception {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses(), Paths.testClasses().resolve("probe-mdc")));
    classpath.addAll(Paths.isolationLibs(logback));
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm jvm = AgentJvm.main("com.example.probe.MdcProbe").classpath(classpath).exportTo(receiver)
            .property("otel.service.name", "app-logs").start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      Matcher line = Pattern.compile("trace=([0-9a-f]{32}) span=([0-9a-f]{16}) INFO").matcher(jvm.stdout());
      assertThat(line.find()).as(jvm.stdout()).isTrue();
      String traceId = line.group(1);
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(Spans.named(receiver.spans(), "MdcChatService.handle")).singleElement()
            .satisfies(span -> assertThat(Spans.traceId(span)).isEqualTo(traceId));
        List<ReceivedLog> logs = receiver.logs();
        assertThat(logs).anySatisfy(log -> {
          assertThat(log.scope()).isEqualTo("com.example.probe.MdcChatService");
          assertThat(log.log().getSeverityText()).isEqualTo("INFO");
          assertThat(log.log().getBody().getStringValue()).contains("handling 'hello'").doesNotContain("hunter2");
          assertThat(HexFormat.of().formatHex(log.log().getTraceId().toByteArray())).isEqualTo(traceId);
        });
        assertThat(logs).anySatisfy(log -> {
          assertThat(log.scope()).isEqualTo("com.example.probe.jul");
          assertThat(log.log().getSeverityText()).isEqualTo("WARNING");
          assertThat(log.log().getBody().getStringValue()).isEqualTo("a java.util.logging warning while handling hello");
          assertThat(HexFormat.of().formatHex(log.log().getTraceId().toByteArray())).isEqualTo(traceId);
        });
      });
    }
  }

  @Test
  void log4j2EventsAreExportedWithTraceContextAndRedactedAndItsContextDataCarriesTraceIds() throws Exception {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses(), Paths.testClasses().resolve("probe-log4j2")));
    classpath.addAll(Paths.isolationLibs("log4j2"));
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm jvm = AgentJvm.main("com.example.probe.log4j.Log4jChatService").classpath(classpath)
            .exportTo(receiver).property("otel.service.name", "log4j-logs").start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdout()).contains("WARN  Log4jChatService - log4j warning while handling hello");
      Matcher line = Pattern.compile("trace=([0-9a-f]{32}) span=([0-9a-f]{16})").matcher(jvm.stdout());
      assertThat(line.find()).as("%X{trace_id} and %X{span_id} in the Log4j pattern: " + jvm.stdout()).isTrue();
      await().atMost(TIMEOUT).untilAsserted(() -> {
        String traceId = Spans.traceId(Spans.named(receiver.spans(), "Log4jChatService.handle").get(0));
        assertThat(line.group(1)).as("the context data's trace id is the turn's").isEqualTo(traceId);
        assertThat(receiver.logs()).anySatisfy(log -> {
          assertThat(log.scope()).isEqualTo("com.example.probe.log4j.Log4jChatService");
          assertThat(log.log().getSeverityText()).isEqualTo("WARN");
          assertThat(log.log().getBody().getStringValue()).startsWith("log4j warning while handling hello for token")
              .doesNotContain("sk_live_4eC39HqLyjWDarjtT1zdp7dc");
          assertThat(HexFormat.of().formatHex(log.log().getTraceId().toByteArray())).isEqualTo(traceId);
        });
      });
    }
  }
}
