package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application whose classes follow none of the conventions ({@code org.acme.helpdesk}), instrumented by
 * agent.properties alone: all six components, their ids and roles, one trace per turn, stable error
 * fingerprints, and unchanged behaviour.
 */
class HelpdeskSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static OtlpReceiver receiver;
  private static String plainOutput;
  private static List<ReceivedSpan> firstRun;
  private static List<ReceivedSpan> secondRun;
  private static List<String> firstRunLog;

  @BeforeAll
  static void runTwice() throws Exception {
    receiver = new OtlpReceiver();
    try (RunningJvm jvm = helpdesk().withoutAgent().start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      plainOutput = jvm.stdout();
    }
    firstRun = run("helpdesk-run-1");
    secondRun = run("helpdesk-run-2");
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  private static AgentJvm helpdesk() {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.demoDependencies());
    return AgentJvm.main("org.acme.helpdesk.HelpdeskApp").classpath(classpath);
  }

  private static List<ReceivedSpan> run(String service) throws Exception {
    Path config = Paths.testClasses().resolve("helpdesk/agent.properties");
    try (RunningJvm jvm = helpdesk().agentOptions("config=" + config).exportTo(receiver)
        .property("otel.service.name", service).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdout()).as("application output with the agent").isEqualTo(plainOutput);
      assertThat(jvm.stderr()).doesNotContain("[chatlens] ERROR").doesNotContain("matched no class");
      if (firstRunLog == null) {
        firstRunLog = java.nio.file.Files.readAllLines(jvm.workingDirectory().resolve("logs/chatbot.log"));
      }
    }
    await().atMost(TIMEOUT).until(() -> Spans.ofService(receiver.spans(), service).size() >= 40);
    return Spans.ofService(receiver.spans(), service);
  }

  @Test
  void behaviourIsUnchangedIncludingExceptionsThatPropagate() {
    assertThat(plainOutput)
        .contains("conv-1: purge failed; same instance=true, suppressed=1, top frame=purge")
        .contains("hostile exception reached the caller unchanged: true")
        .contains("live conversations 0");
  }

  @Test
  void allSixComponentsHaveSpansCarryingSessionAndUser() {
    for (String component : List.of("turn", "session", "parser", "search", "database", "errors")) {
      List<ReceivedSpan> spans = Spans.ofComponent(firstRun, component);
      assertThat(spans).as(component).isNotEmpty();
      assertThat(spans).as(component + " spans with ids")
          .anySatisfy(span -> {
            assertThat(span.attribute("session.id")).startsWith("conv-");
            assertThat(span.attribute("user.id")).isIn("alice", "bob");
          });
    }
  }

  @Test
  void sessionMethodsHaveTheirConfiguredRoles() {
    assertThat(Spans.named(firstRun, "ConversationRegistry.open")).hasSize(2)
        .allSatisfy(span -> assertThat(span.attribute("chatbot.session.role")).isEqualTo("create"));
    assertThat(Spans.named(firstRun, "ConversationRegistry.touch")).hasSize(8)
        .allSatisfy(span -> assertThat(span.attribute("chatbot.session.role")).isEqualTo("update"));
    assertThat(Spans.named(firstRun, "ConversationRegistry.retire")).hasSize(2)
        .allSatisfy(span -> assertThat(span.attribute("chatbot.session.role")).isEqualTo("cleanup"));
    assertThat(Spans.named(firstRun, "ConversationRegistry.open"))
        .extracting(span -> span.attribute("session.id") + "/" + span.attribute("user.id"))
        .containsExactlyInAnyOrder("conv-1/alice", "conv-2/bob");
  }

  @Test
  void eachTurnIsOneTraceWithTheTurnAsItsServerRoot() {
    List<ReceivedSpan> turns = Spans.ofComponent(firstRun, "turn");
    assertThat(turns).hasSize(9);
    Map<String, List<ReceivedSpan>> traces = Spans.byTrace(firstRun);
    for (ReceivedSpan turn : turns) {
      assertThat(turn.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
      assertThat(turn.span().getParentSpanId().isEmpty()).isTrue();
      List<ReceivedSpan> trace = traces.get(Spans.traceId(turn));
      for (ReceivedSpan span : trace) {
        if (span != turn && !"jdbc".equals(span.attribute("chatlens.component"))) {
          assertThat(Spans.parentId(span)).as(span.span().getName()).isEqualTo(Spans.spanId(turn));
        }
      }
    }
    ReceivedSpan purgeTurn = turns.stream().filter(turn -> "purge".equals(turn.attribute("chatbot.command")))
        .findFirst().orElseThrow();
    assertThat(traces.get(Spans.traceId(purgeTurn))).extracting(span -> span.span().getName())
        .contains("Concierge.respond", "ConversationRegistry.touch", "IntentReader.interpret", "Ledger.record",
            "Ledger.purge", "FaultSink.report");
  }

  @Test
  void reentrantCallsOfTheSameComponentGiveOneSpan() {
    assertThat(Spans.named(firstRun, "KnowledgeLookup.lookup")).hasSize(2);
    assertThat(Spans.named(firstRun, "KnowledgeLookup.lookupExact")).isEmpty();
  }

  @Test
  void turnStatusesCountHandledErrorsAndInvalidInput() {
    Map<String, String> statusByCommand = new java.util.HashMap<>();
    for (ReceivedSpan turn : Spans.ofComponent(firstRun, "turn")) {
      statusByCommand.put(String.valueOf(turn.attribute("chatbot.command")), turn.attribute("chatbot.turn.status"));
    }
    assertThat(statusByCommand).containsEntry("purge", "error").containsEntry("question", "success")
        .containsEntry("null", "error");
    assertThat(Spans.ofComponent(firstRun, "turn")).extracting(span -> span.attribute("chatbot.turn.status"))
        .contains("invalid");
    ReceivedSpan purge = Spans.named(firstRun, "Ledger.purge").get(0);
    assertThat(purge.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(purge.attribute("error.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(purge.span().getEventsList()).anySatisfy(event -> {
      assertThat(event.getName()).isEqualTo("exception");
      assertThat(eventAttribute(event, "exception.type")).isEqualTo("java.lang.IllegalStateException");
      assertThat(eventAttribute(event, "exception.stacktrace")).startsWith("java.lang.IllegalStateException")
          .contains("at org.acme.helpdesk.Ledger.purge");
    });
    ReceivedSpan invalid = Spans.named(firstRun, "IntentReader.interpret").stream()
        .filter(span -> "validation".equals(span.attribute("chatbot.error.category"))).findFirst().orElseThrow();
    assertThat(invalid.span().getStatus().getCode()).as("a user error is not a span error")
        .isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(invalid.span().getEventsList()).as("a user error's exception event has no stack trace")
        .anySatisfy(event -> {
          assertThat(event.getName()).isEqualTo("exception");
          assertThat(eventAttribute(event, "exception.type")).isNotEmpty();
          assertThat(eventAttribute(event, "exception.stacktrace")).isNull();
        });
  }

  @Test
  void errorsAreLoggedOnceWithCategoryAndFingerprintAndRejectedInputAsInfo() {
    String fingerprint = Spans.named(firstRun, "Ledger.purge").get(0).attribute("chatbot.error.fingerprint");
    assertThat(firstRunLog).as(String.join("\n", firstRunLog)).anySatisfy(line -> assertThat(line)
        .contains(" [ERROR] [database_manager] [purge] Error in Ledger.purge: java.lang.IllegalStateException")
        .contains("error_category=internal").contains("error_fingerprint=" + fingerprint));
    assertThat(firstRunLog).filteredOn(line -> line.contains("IllegalStateException: purge is not allowed"))
        .as("one error event, however many instrumented methods the exception passed through").hasSize(1);
    assertThat(firstRunLog).anySatisfy(line -> assertThat(line)
        .contains(" [INFO] [command_parser] [interpret] Rejected invalid input: cannot help with"));
  }

  @Test
  void searchAndFeedbackAreRecorded() {
    assertThat(Spans.named(firstRun, "KnowledgeLookup.lookup")).isNotEmpty()
        .allSatisfy(span -> {
          assertThat(span.attribute("chatbot.search.results")).isEqualTo("1");
          assertThat(span.attribute("chatbot.search.query.hash")).hasSize(16);
          assertThat(span.attribute("chatbot.search.query")).isNull();
        });
    assertThat(Spans.named(firstRun, "KnowledgeLookup.rate")).extracting(span -> span.attribute("chatbot.search.feedback"))
        .containsExactlyInAnyOrder("correct", "incorrect");
  }

  @Test
  void errorFingerprintsAreTheSameInTwoRuns() {
    assertThat(fingerprints(firstRun)).isNotEmpty().hasSizeGreaterThanOrEqualTo(3).isEqualTo(fingerprints(secondRun));
  }

  private static Set<String> fingerprints(List<ReceivedSpan> spans) {
    Set<String> pairs = new TreeSet<>();
    for (ReceivedSpan span : spans) {
      String fingerprint = span.attribute("chatbot.error.fingerprint");
      if (fingerprint != null) {
        pairs.add(span.span().getName() + " " + span.attribute("error.type") + " " + fingerprint);
      }
    }
    return pairs;
  }

  private static String eventAttribute(io.opentelemetry.proto.trace.v1.Span.Event event, String key) {
    return event.getAttributesList().stream().filter(attribute -> attribute.getKey().equals(key))
        .map(attribute -> attribute.getValue().getStringValue()).findFirst().orElse(null);
  }
}
