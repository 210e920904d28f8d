package io.chatlens.smoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedMetric;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The llm component through the agent jar: a chatbot ({@code org.acme.llm.LlmChatService}) that answers with
 * LangChain4j 1.19's real OpenAI client, pointed at WireMock serving OpenAI-compatible chat completions with a usage
 * block. With no ChatLens configuration at all it gets GenAI spans ({@code chat gpt-4o-mini}, provider, models,
 * tokens, finish reasons) under its turns and the {@code gen_ai.client.*} metrics, and its answers are unchanged; with
 * a price table it gets the cost, on the span, in {@code chatbot.llm.cost} and in the turn's log event; prompt and
 * completion text are never recorded unless asked, and redacted then.
 */
class LlmSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
      + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"%s\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":%d,\"total_tokens\":%d}}";

  private WireMockServer openAi;

  @BeforeEach
  void startOpenAi() {
    openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    openAi.start();
    stub("reset my password", "Use the reset link on the sign-in page.", 25, 9);
    stub("charged twice", "Refunds for card 4111 1111 1111 1111 take five days.", 31, 12);
  }

  private void stub(String question, String answer, int input, int output) {
    openAi.stubFor(post(urlEqualTo("/chat/completions"))
        .withRequestBody(matchingJsonPath("$.messages[1].content", com.github.tomakehurst.wiremock.client.WireMock.containing(question)))
        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(COMPLETION.formatted(answer, input, output, input + output))));
  }

  @AfterEach
  void stopOpenAi() {
    openAi.stop();
  }

  private AgentJvm bot() {
    List<Path> classpath = new ArrayList<>(List.of(Paths.testClasses()));
    classpath.addAll(Paths.demoDependencies()); // SLF4J and Logback, which LangChain4j logs through
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (entry.contains("langchain4j") || entry.contains("jackson") || entry.contains("jtokkit")) {
        classpath.add(Path.of(entry));
      }
    }
    return AgentJvm.main("org.acme.llm.LlmChatService").classpath(classpath).args("http://127.0.0.1:" + openAi.port());
  }

  @Test
  void aLangChain4jChatbotWithNoConfigurationGetsGenAiSpansAndTokenMetrics() throws Exception {
    String plain;
    try (RunningJvm jvm = bot().withoutAgent().start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      plain = jvm.stdout();
    }
    assertThat(plain).contains("answer 1: Use the reset link on the sign-in page. [34 tokens]")
        .contains("answer 2: Refunds for card");
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm jvm = bot().exportTo(receiver).start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdout()).as("the chatbot's answers with the agent").isEqualTo(plain);
      assertThat(jvm.stderr()).doesNotContain("[chatlens] ERROR");
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Spans.named(receiver.spans(), "chat gpt-4o-mini"))
          .as("%s", receiver.spans().stream().map(span -> span.span().getName()).toList()).hasSize(2));
      List<ReceivedSpan> calls = Spans.named(receiver.spans(), "chat gpt-4o-mini");
      assertThat(calls).isNotEmpty().allSatisfy(span -> {
        assertThat(span.span().getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(span.attribute("gen_ai.operation.name")).isEqualTo("chat");
        assertThat(span.attribute("gen_ai.provider.name")).isEqualTo("openai");
        assertThat(span.attribute("gen_ai.request.model")).isEqualTo("gpt-4o-mini");
        assertThat(span.attribute("gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(span.attribute("gen_ai.response.finish_reasons")).contains("stop");
        assertThat(span.attribute("chatlens.component")).isEqualTo("llm");
        assertThat(span.attribute("gen_ai.input.messages")).as("no content without capture").isNull();
        assertThat(span.attribute("gen_ai.output.messages")).isNull();
        assertThat(span.attribute("chatbot.llm.cost")).as("no price table").isNull();
      });
      assertThat(calls).extracting(span -> span.attribute("gen_ai.usage.input_tokens")).containsExactlyInAnyOrder("25", "31");
      assertThat(calls).extracting(span -> span.attribute("gen_ai.usage.output_tokens")).containsExactlyInAnyOrder("9", "12");
      List<ReceivedSpan> turns = Spans.named(receiver.spans(), "LlmChatService.handle");
      assertThat(turns).as("the turns, found by the *ChatService#handle convention").hasSize(2);
      assertThat(calls).allSatisfy(call -> assertThat(turns).anySatisfy(turn ->
          assertThat(Spans.parentId(call)).isEqualTo(Spans.spanId(turn))));
      assertThat(turns).extracting(turn -> turn.attribute("chatbot.turn.llm_tokens")).containsExactlyInAnyOrder("34", "43");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(tokenSum(receiver, "input")).isEqualTo(56);
        assertThat(tokenSum(receiver, "output")).isEqualTo(21);
      });
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(histogramPoints(receiver, "gen_ai.client.operation.duration"))
          .isNotEmpty().anySatisfy(point -> {
            assertThat(point.getCount()).isEqualTo(2);
            assertThat(value(point.getAttributesList(), "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
          }));
    }
  }

  @Test
  void aPriceTableGivesTheCostAndCapturedContentIsRedacted() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm jvm = bot().exportTo(receiver).property("chatlens.llm.prices", "gpt-4o-mini=0.15/0.60;gpt-4o=2.50/10.00")
            .property("chatlens.capture.llm-content", "true").start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Spans.named(receiver.spans(), "chat gpt-4o-mini")).hasSize(2));
      List<ReceivedSpan> calls = Spans.named(receiver.spans(), "chat gpt-4o-mini");
      // 25 x 0.15 + 9 x 0.60 = 9.15 per million; 31 x 0.15 + 12 x 0.60 = 11.85 per million
      assertThat(calls).isNotEmpty().extracting(span -> Double.parseDouble(span.attribute("chatbot.llm.cost")))
          .allSatisfy(cost -> assertThat(cost).satisfiesAnyOf(
              value -> assertThat(value).isCloseTo(9.15e-6, org.assertj.core.data.Offset.offset(1e-12)),
              value -> assertThat(value).isCloseTo(11.85e-6, org.assertj.core.data.Offset.offset(1e-12))))
          .extracting(cost -> Math.round(cost * 1e8)).containsExactlyInAnyOrder(915L, 1185L);
      ReceivedSpan charged = calls.stream().filter(span -> "31".equals(span.attribute("gen_ai.usage.input_tokens")))
          .findFirst().orElseThrow();
      assertThat(charged.attribute("gen_ai.input.messages")).contains("\"role\":\"system\"").contains("\"role\":\"user\"")
          .contains("charged twice").contains("[REDACTED:card]").doesNotContain("4111 1111 1111 1111");
      assertThat(charged.attribute("gen_ai.output.messages")).contains("\"role\":\"assistant\"")
          .contains("\"finish_reason\":\"stop\"").contains("Refunds for card").doesNotContain("4111 1111 1111 1111");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        List<ReceivedMetric> costs = receiver.metrics().stream()
            .filter(metric -> metric.metric().getName().equals("chatbot.llm.cost")).toList();
        assertThat(costs).isNotEmpty();
        double total = costs.get(costs.size() - 1).metric().getSum().getDataPointsList().stream()
            .filter(point -> "USD".equals(value(point.getAttributesList(), "currency")))
            .mapToDouble(point -> point.getAsDouble()).sum();
        assertThat(total).isCloseTo(21.0e-6, org.assertj.core.data.Offset.offset(1e-9));
      });
      Path log = jvm.workingDirectory().resolve("logs/chatbot.log");
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Files.exists(log) ? Files.readString(log) : "")
          .contains("LLM chat gpt-4o-mini-2024-07-18 answered in").contains("31 input + 12 output tokens")
          .contains("cost=0.00001185 USD"));
      List<String> turns = Files.readAllLines(log).stream().filter(line -> line.contains("Handled message in")).toList();
      assertThat(turns).hasSize(2);
      assertThat(turns).anySatisfy(line -> assertThat(line).contains("llm_tokens=43").contains("llm_cost=0.00001185"))
          .anySatisfy(line -> assertThat(line).contains("llm_tokens=34").contains("llm_cost=0.00000915"))
          .allSatisfy(line -> assertThat(line).as("the counts are not taken for secrets").doesNotContain("REDACTED"));
    }
  }

  private static long tokenSum(OtlpReceiver receiver, String type) {
    List<HistogramDataPoint> points = histogramPoints(receiver, "gen_ai.client.token.usage");
    return points.stream().filter(point -> type.equals(value(point.getAttributesList(), "gen_ai.token.type")))
        .mapToLong(point -> (long) point.getSum()).max().orElse(-1);
  }

  /** The data points of the latest export of a histogram. */
  private static List<HistogramDataPoint> histogramPoints(OtlpReceiver receiver, String name) {
    List<ReceivedMetric> metrics = receiver.metrics().stream().filter(metric -> metric.metric().getName().equals(name))
        .toList();
    return metrics.isEmpty() ? List.of() : metrics.get(metrics.size() - 1).metric().getHistogram().getDataPointsList();
  }

  private static String value(List<KeyValue> attributes, String key) {
    return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue())
        .findFirst().orElse(null);
  }
}
