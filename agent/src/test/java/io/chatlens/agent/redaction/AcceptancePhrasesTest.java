package io.chatlens.agent.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phrases from the demo: none of their secrets may survive, wherever they appear. */
class AcceptancePhrasesTest {

  private static final List<String> SECRETS = List.of("hunter2", "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      "jane.doe@example.com", "4111 1111 1111 1111", "4111111111111111");

  private final Redactor redactor = Redactor.withDefaults();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "my password is hunter2                           | my password is [REDACTED:secret]",
      "my api token is sk_live_4eC39HqLyjWDarjtT1zdp7dc | my api token is [REDACTED:token]",
      "contact me at jane.doe@example.com               | contact me at [REDACTED:email]",
      "4111 1111 1111 1111                              | [REDACTED:card]",
      "4111111111111111                                 | [REDACTED:card]"})
  void demoPhrasesAreFullyRedacted(String phrase, String expected) {
    String result = redactor.redact(phrase);

    assertThat(result).isEqualTo(expected);
    assertNoSecretIn(result);
  }

  @Test
  void demoPhrasesInOneMessageAreAllRedacted() {
    String message = "Hi! my password is hunter2 and my api token is sk_live_4eC39HqLyjWDarjtT1zdp7dc, "
        + "contact me at jane.doe@example.com. Card: 4111 1111 1111 1111 (or 4111111111111111).";

    String result = redactor.redact(message);

    assertNoSecretIn(result);
    assertThat(result).isEqualTo("Hi! my password is [REDACTED:secret] and my api token is [REDACTED:token], "
        + "contact me at [REDACTED:email]. Card: [REDACTED:card] (or [REDACTED:card]).");
  }

  @Test
  void demoPhrasesAreRedactedInEveryChannel() {
    String exceptionMessage = "java.lang.IllegalStateException: login failed for jane.doe@example.com with password=hunter2";
    String alertPayload = "{\"text\":\"user said: my api token is sk_live_4eC39HqLyjWDarjtT1zdp7dc\","
        + "\"card\":\"4111111111111111\",\"note\":\"4111 1111 1111 1111\"}";

    assertNoSecretIn(redactor.redact(exceptionMessage));
    assertNoSecretIn(redactor.redact(alertPayload));
    assertNoSecretIn(redactor.redactAttribute("gen_ai.prompt", "my password is hunter2"));
    assertNoSecretIn(redactor.redactAttribute("card", "4111 1111 1111 1111"));
  }

  private static void assertNoSecretIn(String text) {
    for (String secret : SECRETS) {
      assertThat(text).doesNotContain(secret);
    }
  }
}
