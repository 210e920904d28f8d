package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import io.chatlens.smoke.harness.SeedGrok;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo's users send a password, an API token, an e-mail address and a card number (with and without
 * spaces), with message capture switched ON: none of them reaches any log file, span, metric, OTLP log record
 * or the Prometheus endpoint.
 */
class PiiRedactionSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> SECRETS = List.of("hunter2", "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      "jane.doe@example.com", "4111 1111 1111 1111", "4111111111111111");

  @Test
  void noSecretLeavesTheProcess() throws Exception {
    int port = Ports.free();
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm chatbot = DemoSmokeTest.demo().withArgsReplacedBy("--mode", "repl", "--quiet")
            .exportTo(receiver).property("otel.service.name", "pii")
            .property("chatlens.capture.messages", "true").property("chatlens.capture.search-query", "true")
            .property("chatlens.log.level", "debug").property("chatlens.prometheus.port", Integer.toString(port))
            .start()) {
      for (String message : List.of("my password is hunter2", "my api token is sk_live_4eC39HqLyjWDarjtT1zdp7dc",
          "contact me at jane.doe@example.com", "my card number is 4111 1111 1111 1111",
          "/search please charge my card 4111111111111111 for the upgrade", "/admin crash")) {
        chatbot.send(message);
      }
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.spans())
          .filteredOn(span -> span.span().getName().equals("ChatService.handle")).hasSize(6));
      String prometheus = Http.get("http://127.0.0.1:" + port + "/metrics").body();
      chatbot.closeStdin();
      assertThat(chatbot.waitForExit(TIMEOUT)).isZero();

      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(receiver.logs()).isNotEmpty());
      assertThat(receiver.spans()).as("the message was captured, redacted")
          .anySatisfy(span -> assertThat(span.attribute("chatbot.message")).contains("[REDACTED:email]"));
      for (String secret : SECRETS) {
        assertThat(prometheus).as("Prometheus endpoint").doesNotContain(secret);
        for (String path : List.of("/v1/traces", "/v1/metrics", "/v1/logs")) {
          for (byte[] body : receiver.bodies(path)) {
            assertThat(new String(body, StandardCharsets.ISO_8859_1)).as(path + " must not contain " + secret)
                .doesNotContain(secret);
          }
        }
        try (Stream<Path> files = Files.walk(chatbot.workingDirectory().resolve("logs"))) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            assertThat(Files.readString(file)).as(file + " must not contain " + secret).doesNotContain(secret);
          }
        }
        assertThat(chatbot.stderr()).as("agent diagnostics").doesNotContain(secret);
      }
    }
  }

  @Test
  void hashedUserIdsAreTheSameHashInSpansAndLogs() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm chatbot = DemoSmokeTest.demo().exportTo(receiver).property("otel.service.name", "hashed")
            .property("chatlens.redaction.hash-user-ids", "true").property("chatlens.redaction.salt", "pepper")
            .start()) {
      assertThat(chatbot.waitForExit(TIMEOUT)).as(chatbot.describe()).isZero();
      String user1 = "u_" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest("pepperuser-1".getBytes(StandardCharsets.UTF_8))).substring(0, 16);

      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(userIds(receiver, "ChatService.handle")).contains(user1));
      Set<String> created = userIds(receiver, "SessionManager.createSession");
      assertThat(created).contains(user1).allMatch(id -> id.matches("u_[0-9a-f]{16}"));
      assertThat(userIds(receiver, "ChatService.handle")).as("turns carry the session's hashed user id")
          .isSubsetOf(created);
      assertThat(userIds(receiver, "SearchEngine.search")).isNotEmpty().isSubsetOf(created);

      Pattern userField = Pattern.compile("user_id=([^,\\s]+)");
      List<String> logged = Files.readAllLines(chatbot.workingDirectory().resolve("logs/chatbot.log")).stream()
          .map(SeedGrok::parse).filter(line -> line != null).map(line -> userField.matcher(line.group("logmessage")))
          .filter(Matcher::find).map(match -> match.group(1)).toList();
      assertThat(logged).as("user_id in the log file").isNotEmpty().contains(user1).allMatch(created::contains);
    }
  }

  private static Set<String> userIds(OtlpReceiver receiver, String spanName) {
    return receiver.spans().stream().filter(span -> span.span().getName().equals(spanName))
        .map(span -> span.attribute("user.id")).filter(id -> id != null && !id.isEmpty()).collect(Collectors.toSet());
  }
}
