package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedMetric;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo chatbot, instrumented by the naming conventions alone (no agent.properties at all). */
class DemoSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String SERVICE = "demo-conventions";
  private static OtlpReceiver receiver;
  private static String summaryWithoutAgent;
  private static RunResult result;

  private record RunResult(String stdout, String stderr, Path directory) {}

  @BeforeAll
  static void run() throws Exception {
    receiver = new OtlpReceiver();
    try (RunningJvm jvm = demo().withoutAgent().start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      summaryWithoutAgent = summary(jvm.stdout());
    }
    try (RunningJvm jvm = demo().exportTo(receiver).property("otel.service.name", SERVICE).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      result = new RunResult(jvm.stdout(), jvm.stderr(), jvm.workingDirectory());
    }
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(metricNames()).contains("chatbot.active_sessions",
        "chatbot.requests", "chatbot.response_time"));
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  static AgentJvm demo() {
    List<Path> classpath = new ArrayList<>(List.of(Paths.demoClasses()));
    classpath.addAll(Paths.demoDependencies());
    return AgentJvm.main("com.example.chatbot.ChatbotApp").classpath(classpath)
        .args("--users", "4", "--turns", "8", "--threads", "2", "--idle-timeout", "300ms", "--quiet", "--seed", "7");
  }

  private static String summary(String stdout) {
    return stdout.lines().filter(line -> line.startsWith("SUMMARY")).findFirst().orElseThrow();
  }

  private static List<ReceivedSpan> spans() {
    return Spans.ofService(receiver.spans(), SERVICE);
  }

  private static Set<String> metricNames() {
    return receiver.metrics().stream().map(metric -> metric.metric().getName()).collect(Collectors.toSet());
  }

  @Test
  void theChatbotBehavesExactlyAsWithoutTheAgent() {
    assertThat(summary(result.stdout())).isEqualTo(summaryWithoutAgent)
        .isEqualTo("SUMMARY users=4 turns=32 replies=32 invalid=" + summaryWithoutAgent.split("invalid=")[1].split(" ")[0]
            + " errors=1 expired=1");
    assertThat(result.stderr()).doesNotContain("[chatlens] ERROR");
  }

  @Test
  void conventionsFindAllSixComponents() {
    for (String component : List.of("turn", "session", "parser", "search", "database", "errors")) {
      assertThat(Spans.ofComponent(spans(), component)).as(component).isNotEmpty();
    }
    assertThat(Spans.named(spans(), "ChatService.handle")).hasSize(32);
    assertThat(Spans.named(spans(), "ErrorHandler.handle")).hasSize(1).allSatisfy(span -> {
      assertThat(span.attribute("error.type")).isEqualTo("com.example.chatbot.DataAccessException");
      assertThat(span.attribute("chatbot.error.category")).isEqualTo("database");
      assertThat(span.attribute("chatbot.error.fingerprint")).hasSize(16);
    });
  }

  @Test
  void sessionAndUserIdsTravelToNestedSpansAndLogLines() throws Exception {
    Set<String> turnTraces = Spans.named(spans(), "ChatService.handle").stream().map(Spans::traceId)
        .collect(Collectors.toSet());
    List<ReceivedSpan> nested = spans().stream().filter(span -> turnTraces.contains(Spans.traceId(span)))
        .filter(span -> List.of("parser", "search", "jdbc").contains(span.attribute("chatlens.component"))).toList();
    assertThat(nested).extracting(span -> span.attribute("chatlens.component")).contains("parser", "search", "jdbc");
    assertThat(nested).isNotEmpty().allSatisfy(span -> {
      assertThat(span.attribute("session.id")).as(span.span().getName()).startsWith("sess-");
      assertThat(span.attribute("user.id")).as(span.span().getName()).startsWith("user-");
    });
    List<String> lines = Files.readAllLines(result.directory().resolve("logs/chatbot.log"));
    for (String module : List.of("[command_parser] [parse]", "[search_engine] [search]", "[jdbc] [execute_query]")) {
      assertThat(lines).filteredOn(line -> line.contains(module)).as(module).isNotEmpty()
          .allSatisfy(line -> assertThat(line).containsPattern("user_id=user-\\d, session_id=sess-"));
    }
  }

  @Test
  void theResourceDescribesServiceHostProcessAndDistro() {
    ReceivedSpan span = Spans.named(spans(), "ChatService.handle").get(0);
    assertThat(span.resourceAttribute("service.name")).isEqualTo(SERVICE);
    // service.version comes from the main jar's Implementation-Version under java -jar; this run uses a class path
    assertThat(span.resourceAttribute("service.version")).isNull();
    assertThat(span.resourceAttribute("service.instance.id")).matches("[0-9a-f-]{36}");
    assertThat(span.resourceAttribute("telemetry.distro.name")).isEqualTo("chatlens");
    assertThat(span.resourceAttribute("telemetry.distro.version")).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(span.resourceAttribute("telemetry.sdk.language")).isEqualTo("java");
    assertThat(span.resourceAttribute("host.name")).isNotBlank();
    assertThat(span.resourceAttribute("host.arch")).isEqualTo(System.getProperty("os.arch"));
    assertThat(span.resourceAttribute("os.type")).isEqualTo("linux");
    assertThat(span.resourceAttribute("process.pid")).matches("\\d+");
    assertThat(span.resourceAttribute("process.runtime.version")).isNotBlank();
  }

  @Test
  void sessionRolesComeFromMethodNames() {
    assertThat(Spans.named(spans(), "SessionManager.createSession")).isNotEmpty()
        .allSatisfy(span -> assertThat(span.attribute("chatbot.session.role")).isEqualTo("create"));
    assertThat(Spans.named(spans(), "SessionManager.updateSession")).isNotEmpty()
        .allSatisfy(span -> assertThat(span.attribute("chatbot.session.role")).isEqualTo("update"));
    assertThat(Spans.named(spans(), "SessionManager.closeSession")).isNotEmpty()
        .allSatisfy(span -> assertThat(span.attribute("chatbot.session.role")).isEqualTo("cleanup"));
    assertThat(Spans.named(spans(), "SessionManager.expireIdleSessions")).isNotEmpty()
        .allSatisfy(span -> assertThat(span.attribute("chatbot.session.role")).isEqualTo("cleanup"));
    assertThat(Spans.named(spans(), "SessionManager.activeCount")).as("not a lifecycle method").isEmpty();
  }

  @Test
  void turnMetricsUseTheSeedNames() {
    List<ReceivedMetric> metrics = receiver.metrics();
    long requests = sum(metrics, "chatbot.requests", null);
    assertThat(requests).isEqualTo(32);
    assertThat(sum(metrics, "chatbot.requests", "error")).isEqualTo(1);
    assertThat(sum(metrics, "chatbot.sessions.created", null)).isEqualTo(4);
    assertThat(sum(metrics, "chatbot.errors", null)).isEqualTo(1);
    assertThat(metricNames()).contains("chatbot.commands", "chatbot.search.requests", "chatbot.search.duration",
        "chatbot.session.duration", "chatbot.errors", "chatbot.search.feedback");
    assertThat(sum(metrics, "chatbot.sessions.ended", null)).as("every session is cleaned up").isEqualTo(4);
    io.opentelemetry.proto.metrics.v1.HistogramDataPoint interactions = latestHistogram(metrics, "chatbot.session.interactions");
    assertThat(interactions.getCount()).as("one interaction count per ended session").isEqualTo(4);
    assertThat(interactions.getSum()).isPositive();
    assertThat(sum(metrics, "chatbot.commands", "invalid")).as("invalid commands are counted").isPositive();
    assertThat(sum(metrics, "chatbot.commands", "valid")).isPositive();
    assertThat(sum(metrics, "chatbot.user_errors", null)).as("invalid commands are user errors")
        .isEqualTo(sum(metrics, "chatbot.commands", "invalid"));
  }

  /** The latest point of a histogram without attributes. */
  private static io.opentelemetry.proto.metrics.v1.HistogramDataPoint latestHistogram(List<ReceivedMetric> metrics,
      String name) {
    ReceivedMetric latest = null;
    for (ReceivedMetric metric : metrics) {
      if (metric.metric().getName().equals(name)
          && SERVICE.equals(OtlpReceiverAccess.resource(metric, "service.name"))) {
        latest = metric;
      }
    }
    assertThat(latest).as(name).isNotNull();
    return latest.metric().getHistogram().getDataPoints(0);
  }

  @Test
  void structuredLogUsesTheSeedFormat() throws Exception {
    List<String> lines = Files.readAllLines(result.directory().resolve("logs/chatbot.log"));
    assertThat(lines).anySatisfy(line -> assertThat(line)
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z \\[INFO] \\[session_manager] \\[create_session] "
            + "Created new session for user_id=user-\\d, session_id=sess-[0-9a-f-]+, trace_id=[0-9a-f]{32}, span_id=[0-9a-f]{16}"));
    assertThat(lines).anySatisfy(line -> assertThat(line)
        .contains("[ERROR] [jdbc] [execute_query] Database query failed: SELECT * FROM missing_table")
        .contains("error_type=42S02").contains("error_category=database").containsPattern("error_fingerprint=[0-9a-f]{16}"));
  }

  @Test
  void eventsThatRepeatTheirSpanStayInTheFilesAndAreNotExportedTwice() throws Exception {
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.logs()).isNotEmpty());
    List<String> exported = receiver.logs().stream().map(log -> log.log().getBody().getStringValue()).toList();
    assertThat(exported).as("INFO turns and commands are already spans").isNotEmpty()
        .noneMatch(body -> body.startsWith("Handled message in") && body.contains("status=success"))
        .noneMatch(body -> body.startsWith("Parsed command"));
    assertThat(exported).as("ERROR events and audit events are still exported")
        .anyMatch(body -> body.startsWith("Handled message in") && body.contains("status=error"))
        .anyMatch(body -> body.startsWith("Created new session for"));
    assertThat(Spans.named(spans(), "ChatService.handle")).isNotEmpty()
        .allSatisfy(span -> assertThat(span.attribute("chatbot.turn.status")).isNotNull());
    List<String> lines = Files.readAllLines(result.directory().resolve("logs/chatbot.log"));
    assertThat(lines).anyMatch(line -> line.contains("[chat_service] [handle] Handled message in"));
  }

  @Test
  void logRecordsGoOutOverOtlpWithTheirTraceContext() {
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.logs()).isNotEmpty());
    Set<String> traceIds = spans().stream().map(Spans::traceId).collect(Collectors.toSet());
    List<OtlpReceiver.ReceivedLog> created = receiver.logs().stream()
        .filter(log -> log.log().getBody().getStringValue().startsWith("Created new session for")).toList();
    assertThat(created).hasSize(4).allSatisfy(log -> {
      String traceId = java.util.HexFormat.of().formatHex(log.log().getTraceId().toByteArray());
      assertThat(traceIds).contains(traceId);
      assertThat(log.log().getSpanId().size()).isEqualTo(8);
      assertThat(log.attribute("user.id")).startsWith("user-");
      assertThat(log.attribute("session.id")).startsWith("sess-");
      assertThat(log.attribute("code.function.name")).isEqualTo("create_session");
      assertThat(log.log().getSeverityText()).isEqualTo("INFO");
    });
  }

  /**
   * The cumulative total of a counter (summed over points, optionally only those with status=...): the largest of
   * the exports received. Exports can arrive out of order (a
   * retried early export after the final one), and a cumulative count only grows.
   */
  private static long sum(List<ReceivedMetric> metrics, String name, String status) {
    long largest = -1;
    for (ReceivedMetric metric : metrics) {
      if (!metric.metric().getName().equals(name)
          || !SERVICE.equals(OtlpReceiverAccess.resource(metric, "service.name"))) {
        continue;
      }
      long total = 0;
      for (NumberDataPoint point : metric.metric().getSum().getDataPointsList()) {
        if (status == null || point.getAttributesList().stream()
            .anyMatch(kv -> kv.getKey().equals("status") && kv.getValue().getStringValue().equals(status))) {
          total += point.getAsInt();
        }
      }
      largest = Math.max(largest, total);
    }
    return largest;
  }

  /** Small accessor for resource attributes of received metrics. */
  static final class OtlpReceiverAccess {
    static String resource(ReceivedMetric metric, String key) {
      for (KeyValue attribute : metric.resource().getAttributesList()) {
        if (attribute.getKey().equals(key)) {
          return attribute.getValue().getStringValue();
        }
      }
      return null;
    }
  }
}
