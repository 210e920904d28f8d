package io.chatlens.agent.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Guarantees that hold for any input: no exceptions, identity when unchanged, whole-text coverage. */
class RedactorRobustnessTest {

  private static final int ONE_MB = 1 << 20;

  private final Redactor redactor = Redactor.withDefaults();

  @Test
  void nullAndEmptyPassThrough() {
    assertThat(redactor.redact(null)).isNull();
    String empty = new String("");
    assertThat(redactor.redact(empty)).isSameAs(empty);
    assertThat(redactor.redactionCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2024-01-15 10:30:45 INFO  c.a.ChatService - handled turn for session 7f3a in 42 ms",
      "GET /api/v1/search?q=shoes&page=2 200",
      "Sorry, I did not understand that. Could you rephrase?",
      "{\"intent\":\"search\",\"results\":5,\"latencyMs\":42}",
      "   ", "@", "=", ":", "-", "1234 5678", "ключ: значение", "パスワード", "🙂 emoji 🙂"})
  void unchangedTextIsReturnedAsTheSameInstance(String input) {
    String copy = new String(input);
    assertThat(redactor.redact(copy)).isSameAs(copy);
  }

  @Test
  void multipleSecretsOfDifferentKindsInOneString() {
    String input = "user jane@example.com paid with 4111 1111 1111 1111 using password=hunter2, "
        + "key AKIAIOSFODNN7EXAMPLE and Authorization: Bearer abc123def456; contact bob@example.org";

    assertThat(redactor.redact(input)).isEqualTo("user [REDACTED:email] paid with [REDACTED:card] using "
        + "password=[REDACTED:secret], key [REDACTED:token] and Authorization: Bearer [REDACTED:token]; "
        + "contact [REDACTED:email]");
  }

  @Test
  void jsonSnippetKeepsItsStructure() {
    String json = "{\"user\":\"jane@example.com\",\"card\":\"4111111111111111\",\"password\":\"hunter2\","
        + "\"apiKey\": \"abc\",\"pin\":1234,\"note\":\"ok\",\"count\":3}";

    assertThat(redactor.redact(json)).isEqualTo("{\"user\":\"[REDACTED:email]\",\"card\":\"[REDACTED:card]\","
        + "\"password\":\"[REDACTED:secret]\",\"apiKey\": \"[REDACTED:secret]\",\"pin\":[REDACTED:secret],"
        + "\"note\":\"ok\",\"count\":3}");
  }

  @Test
  void stackTraceWithAPasswordInside() {
    String trace = "java.lang.IllegalStateException: connect failed url=jdbc:postgresql://db/app?user=app&password=s3cr3t\n"
        + "\tat com.acme.auth.LoginService.login(LoginService.java:42)\n"
        + "\tat com.acme.TokenStore.load(TokenStore.java:17)\n"
        + "Caused by: java.sql.SQLException: password authentication failed for user \"app\"\n"
        + "\t... 3 more";

    assertThat(redactor.redact(trace)).isEqualTo(
        "java.lang.IllegalStateException: connect failed url=jdbc:postgresql://db/app?user=app&password=[REDACTED:secret]\n"
        + "\tat com.acme.auth.LoginService.login(LoginService.java:42)\n"
        + "\tat com.acme.TokenStore.load(TokenStore.java:17)\n"
        + "Caused by: java.sql.SQLException: password authentication failed for user \"app\"\n"
        + "\t... 3 more");
  }

  @Test
  void redactionCountCountsEveryReplacedValue() {
    long before = redactor.redactionCount();

    redactor.redact("password=a, mail a@example.com, card 4111111111111111");
    redactor.redactAttribute("apiKey", "x");
    redactor.redact("nothing here");

    assertThat(redactor.redactionCount() - before).isEqualTo(4);
    assertThat(redactor.failureCount()).isZero();
  }

  @Test
  void oneMegabyteWithoutSecretsComesBackUnchanged() {
    String text = repeat("The quick brown fox jumps over the lazy dog 12345 times; ", ONE_MB);

    assertThat(redactor.redact(text)).isSameAs(text);
  }

  @Test
  void oneMegabyteWithSecretsIsFullyRedacted() {
    String chunk = "turn 7: user jane@example.com said my password is hunter2 and paid 4111 1111 1111 1111 ok. ";
    String text = repeat(chunk, ONE_MB);
    int chunks = text.length() / chunk.length();

    String result = redactor.redact(text);

    assertThat(result).doesNotContain("hunter2", "jane@example.com", "4111 1111");
    assertThat(countOf(result, "[REDACTED:email]")).isEqualTo(chunks);
    assertThat(countOf(result, "[REDACTED:secret]")).isEqualTo(chunks);
    assertThat(countOf(result, "[REDACTED:card]")).isEqualTo(chunks);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "1", "1 ", "1-", "a@", "a.", "@a.", "sk-", "eyJ-", "eyJa.", "password", "password=",
      "password ", "key:", "Bearer ", "a_", "\"", "password=\"", "4111-", "token is ", "<password>", "\\\"",
      "AKIA", "xoxb-", "pin is ", "...", "--"})
  void pathologicalMegabyteInputsComplete(String unit) {
    String text = repeat(unit, ONE_MB);

    String result = redactor.redact(text);

    assertThat(result).isNotNull().doesNotContain("[REDACTED:unprocessable]");
    assertThat(redactor.failureCount()).isZero();
  }

  @Test
  void randomInputNeverFailsAndRedactionIsStable() {
    Random random = new Random(7);
    String[] pieces = {"password", "=", ":", " is ", " ", "\"", "'", "\\", "@", ".", "-", "_", "4111", "1111", "1",
        "hunter2", "example.com", "jane", "Bearer ", "eyJ", "sk_live_", "sk-", "AKIA", "key", "token", "{", "}",
        "[", "]", "<", ">", ",", ";", "&", "\n", "\t", "é", "🙂", "[REDACTED", "[REDACTED:secret]"};
    for (int i = 0; i < 5_000; i++) {
      StringBuilder input = new StringBuilder();
      int length = random.nextInt(30);
      for (int k = 0; k < length; k++) {
        input.append(pieces[random.nextInt(pieces.length)]);
      }
      String once = redactor.redact(input.toString());
      assertThat(once).isNotNull();
      assertThat(redactor.redact(once)).isEqualTo(once);
    }
    assertThat(redactor.failureCount()).isZero();
  }

  private static String repeat(String unit, int length) {
    StringBuilder out = new StringBuilder(length + unit.length());
    while (out.length() < length) {
      out.append(unit);
    }
    return out.toString();
  }

  private static int countOf(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      count++;
    }
    return count;
  }
}
