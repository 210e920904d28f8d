package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedMetric;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.PostgresServer;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JDBC through the bootstrap bridge, for every driver and with no configuration: sanitized query spans,
 * one span per query through HikariCP, connection metrics and failures, pool status, slow queries, on H2
 * and on a real PostgreSQL server.
 */
class JdbcSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String SERVICE = "jdbc-probe";
  private static final String EMAIL = "jane.doe@example.com";
  private static OtlpReceiver receiver;
  private static PostgresServer postgres;
  private static String stdout;
  private static String stderr;
  private static Path directory;

  @BeforeAll
  static void run() throws Exception {
    receiver = new OtlpReceiver();
    postgres = PostgresServer.start();
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.demoDependencies());
    classpath.addAll(Paths.isolationLibs("postgresql"));
    Path h2 = Paths.demoDependencies().stream().filter(path -> path.getFileName().toString().startsWith("h2-"))
        .findFirst().orElseThrow();
    try (RunningJvm jvm = AgentJvm.main("com.example.probe.JdbcProbeApp").classpath(classpath)
        .property("probe.h2.jar", h2.toString()).property("otel.service.name", SERVICE)
        .property("chatlens.db.slow-query-threshold", "250ms").property("otel.metric.export.interval", "200ms")
        .exportTo(receiver).property("otel.metric.export.interval", "200ms")
        .args(postgres.jdbcUrl()).start()) {
      jvm.awaitStdout("waiting", TIMEOUT);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(poolMax("probe-pool")).isEqualTo(3));
      jvm.send("continue");
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      stdout = jvm.stdout();
      stderr = jvm.stderr();
      directory = jvm.workingDirectory();
    }
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(spans()).extracting(span -> span.span().getName())
        .contains("CALL SLEEP", "connect postgresql"));
  }

  @AfterAll
  static void stop() throws Exception {
    receiver.close();
    postgres.close();
  }

  private static List<ReceivedSpan> spans() {
    return Spans.ofService(receiver.spans(), SERVICE);
  }

  private static List<ReceivedSpan> jdbcSpans() {
    return Spans.ofComponent(spans(), "jdbc");
  }

  @Test
  void theApplicationSeesItsNormalResultsAndExceptions() {
    assertThat(stdout).contains("h2 user 1 Jane", "postgresql user 1 Jane", "pooled queries counted 5",
        "isolated driver answered 42 from loader true", "connection failed sqlstate=08001", "slow query done", "done");
    assertThat(stderr).doesNotContain("[chatlens] ERROR").doesNotContain("could not instrument");
  }

  @Test
  void queriesAreSanitizedClientSpansWithSemanticConventionAttributes() {
    ReceivedSpan h2Select = jdbcSpans().stream().filter(span -> "h2database".equals(span.attribute("db.system.name"))
        && "SELECT".equals(span.attribute("db.operation.name")) && "users".equals(span.attribute("db.collection.name"))
        && "probe".equals(span.attribute("db.namespace"))).findFirst().orElseThrow();
    assertThat(h2Select.span().getName()).isEqualTo("SELECT users");
    assertThat(h2Select.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(h2Select.attribute("db.query.text")).isEqualTo("SELECT id, name FROM users WHERE email = ?");

    ReceivedSpan pgInsert = jdbcSpans().stream().filter(span -> "postgresql".equals(span.attribute("db.system.name"))
        && "INSERT".equals(span.attribute("db.operation.name"))).findFirst().orElseThrow();
    assertThat(pgInsert.attribute("db.query.text")).isEqualTo("INSERT INTO users VALUES (?, ?, ?)");
    assertThat(pgInsert.attribute("db.namespace")).isEqualTo("chatbot");
    assertThat(pgInsert.attribute("server.address")).isEqualTo("127.0.0.1");
    assertThat(pgInsert.attribute("server.port")).isEqualTo(Integer.toString(postgres.port()));
  }

  @Test
  void batchesAndCallableStatementsGiveOneSpanEach() {
    assertThat(stdout).contains("prepared batch rows 3", "statement batch rows 2", "callable answered 7");
    List<ReceivedSpan> h2 = jdbcSpans().stream().filter(span -> "h2database".equals(span.attribute("db.system.name")))
        .toList();
    assertThat(h2).as("the prepared batch: one span with the prepared SQL")
        .filteredOn(span -> "INSERT INTO users VALUES (?, ?, ?)".equals(span.attribute("db.query.text"))
            && span.span().getName().equals("INSERT users"))
        .hasSize(2); // the single insert of literals() and the batch
    assertThat(h2).as("the statement batch: one span, operation BATCH, no SQL text to show")
        .filteredOn(span -> "BATCH".equals(span.attribute("db.operation.name"))).hasSize(1);
    assertThat(h2).as("the callable statement, prepared with prepareCall")
        .anySatisfy(span -> assertThat(span.attribute("db.query.text")).isEqualTo("{call ABS(?)}"));
  }

  @Test
  void theEmailLiteralNeverLeavesTheProcess() throws Exception {
    for (ReceivedSpan span : spans()) {
      assertThat(span.span().toString()).doesNotContain(EMAIL);
    }
    for (ReceivedMetric metric : receiver.metrics()) {
      assertThat(metric.metric().toString()).doesNotContain(EMAIL);
    }
    for (byte[] body : receiver.bodies("/v1/logs")) {
      assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain(EMAIL);
    }
    try (java.util.stream.Stream<Path> files = Files.walk(directory.resolve("logs"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(EMAIL);
      }
    }
    assertThat(stderr).doesNotContain(EMAIL);
  }

  @Test
  void eachQueryThroughHikariGivesExactlyOneJdbcSpanUnderTheDatabaseManager() {
    List<ReceivedSpan> managerSpans = Spans.named(spans(), "ProbeDatabaseManager.countUsersNamed");
    assertThat(managerSpans).hasSize(5);
    Set<String> managerIds = managerSpans.stream().map(Spans::spanId).collect(Collectors.toSet());
    List<ReceivedSpan> pooledQueries = jdbcSpans().stream().filter(span -> managerIds.contains(Spans.parentId(span))).toList();
    assertThat(pooledQueries).hasSize(5).allSatisfy(span -> {
      assertThat(span.span().getName()).isEqualTo("SELECT users");
      assertThat(span.attribute("db.query.text")).isEqualTo("SELECT COUNT(*) FROM users WHERE name = ?");
    });
    Set<String> jdbcIds = jdbcSpans().stream().map(Spans::spanId).collect(Collectors.toSet());
    assertThat(jdbcSpans()).as("no JDBC span is the child of another (wrappers and proxies)")
        .noneMatch(span -> jdbcIds.contains(Spans.parentId(span)));
  }

  @Test
  void driversLoadedByAnIsolatedClassLoaderAreInstrumented() {
    assertThat(jdbcSpans()).anySatisfy(span -> {
      assertThat(span.attribute("db.namespace")).isEqualTo("isolated");
      assertThat(span.attribute("db.query.text")).isEqualTo("SELECT ? AS answer");
    });
  }

  @Test
  void aConnectionFailureIsAnErrorSpanAMetricAndALogLine() throws Exception {
    ReceivedSpan failure = Spans.named(spans(), "connect postgresql").get(0);
    assertThat(failure.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(failure.attribute("error.type")).isEqualTo("08001");
    assertThat(failure.attribute("server.port")).isEqualTo("1");
    assertThat(failure.span().getEventsList()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    assertThat(counter("chatbot.db.connection.failures")).isGreaterThanOrEqualTo(1);
    assertThat(Files.readString(directory.resolve("logs/chatbot.log")))
        .contains("[ERROR] [jdbc] [connect] Database connection failed (connect postgresql 127.0.0.1:1)")
        .doesNotContain("secret");
  }

  @Test
  void slowQueriesAreCountedAndLoggedWithTheirSanitizedSql() throws Exception {
    assertThat(counter("chatbot.db.slow_queries")).isGreaterThanOrEqualTo(1);
    assertThat(Files.readString(directory.resolve("logs/chatbot.log"))).containsPattern(
        "\\[WARN] \\[jdbc] \\[execute] Slow query took \\d+ ms: CALL SLEEP\\(\\?\\)");
  }

  @Test
  void connectionAndPoolMetricsArePresent() {
    Set<String> names = receiver.metrics().stream().map(metric -> metric.metric().getName()).collect(Collectors.toSet());
    assertThat(names).contains("db.client.operation.duration", "db.client.connection.create_time",
        "db.client.connection.wait_time", "db.client.connection.use_time", "chatbot.db.connections.opened",
        "chatbot.db.connections.open", "chatbot.db.connections.in_use", "db.client.connection.count",
        "db.client.connection.pending_requests");
    assertThat(counter("chatbot.db.connections.opened")).isGreaterThanOrEqualTo(3);
  }

  /** The latest value of a sum metric, summed over its points. */
  private static long counter(String name) {
    ReceivedMetric latest = null;
    for (ReceivedMetric metric : receiver.metrics()) {
      if (metric.metric().getName().equals(name)) {
        latest = metric;
      }
    }
    return latest == null ? -1 : latest.metric().getSum().getDataPointsList().stream().mapToLong(NumberDataPoint::getAsInt).sum();
  }

  private static long poolMax(String pool) {
    for (int i = receiver.metrics().size() - 1; i >= 0; i--) {
      ReceivedMetric metric = receiver.metrics().get(i);
      if (metric.metric().getName().equals("db.client.connection.max")) {
        for (NumberDataPoint point : metric.metric().getSum().getDataPointsList()) {
          Map<String, String> attributes = point.getAttributesList().stream()
              .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
          if (pool.equals(attributes.get("db.client.connection.pool.name"))) {
            return point.getAsInt();
          }
        }
      }
    }
    return -1;
  }
}
