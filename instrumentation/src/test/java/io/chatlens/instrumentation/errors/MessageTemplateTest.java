package io.chatlens.instrumentation.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessageTemplateTest {

  static Stream<Arguments> templates() {
    return Stream.of(
        arguments("Session sess-4f1c not found after 3 retries (user 'bob@x.io')",
            "Session sess-<id> not found after <n> retries (user <str>)"),
        // UUIDs
        arguments("No conversation 123e4567-e89b-12d3-a456-426614174000", "No conversation <uuid>"),
        arguments("key=123E4567-E89B-12D3-A456-426614174000;", "key=<uuid>;"),
        arguments("conv-123e4567-e89b-12d3-a456-426614174000 closed", "conv-<uuid> closed"),
        // e-mail addresses
        arguments("Unknown user bob.smith+bot@mail.example.com", "Unknown user <email>"),
        arguments("<alice@x.io> is blocked", "<<email>> is blocked"),
        // IPv4 with and without port
        arguments("Connect to 10.0.0.7 failed", "Connect to <ip> failed"),
        arguments("Connect to 192.168.1.20:5432 failed.", "Connect to <ip> failed."),
        arguments("peer localhost/127.0.0.1:8080 reset", "peer localhost/<ip> reset"),
        // URLs
        arguments("GET https://api.example.com/v1/chat?id=42&x=y failed", "GET <url> failed"),
        arguments("Cannot open jdbc:postgresql://db:5432/app.", "Cannot open <url>."),
        arguments("see http://x.io/a, then retry", "see <url>, then retry"),
        // hex
        arguments("Bad pointer 0x7ffd5e8c", "Bad pointer <hex>"),
        arguments("Bad pointer 0X1F", "Bad pointer <hex>"),
        arguments("commit 4f1c9a2b3e is missing", "commit <hex> is missing"),
        arguments("trace 4BF92F3577B34DA6A3CE929D0E0E4736 lost", "trace <hex> lost"),
        // quoted strings
        arguments("Unknown command '/reset'", "Unknown command <str>"),
        arguments("Unknown command \"/reset now\"", "Unknown command <str>"),
        arguments("Unknown column `name` in table `users`", "Unknown column <str> in table <str>"),
        arguments("Empty value ''", "Empty value <str>"),
        arguments("Can't parse 'abc', don't retry", "Can't parse <str>, don't retry"),
        arguments("the users' list has 'bob'", "the users' list has <str>"),
        arguments("{\"user\":\"bob\",\"n\":3}", "{<str>:<str>,<str>:<n>}"),
        // numbers
        arguments("Expected 3 but got 42", "Expected <n> but got <n>"),
        arguments("Temperature -2.5 out of range [0, 1.5]", "Temperature <n> out of range [<n>, <n>]"),
        arguments("x=-5, y=1e-5, z=6.02E23", "x=<n>, y=<n>, z=<n>"),
        arguments("at Foo.java:123", "at Foo.java:<n>"),
        arguments("version 1.2.3", "version <n>.<n>"),
        arguments("Took 12345678901 ns", "Took <n> ns"),
        // timestamps and dates
        arguments("Expired at 2024-05-01T10:15:30.123Z", "Expired at <time>"),
        arguments("Expired at 2024-05-01T10:15:30+02:00[Europe/Paris]", "Expired at <time>"),
        arguments("Expired at 2024-05-01 10:15:30,123", "Expired at <time>"),
        arguments("No slot on 2024-05-01.", "No slot on <time>."),
        arguments("Job ran at 10:15:30 and 9:05:00.5", "Job ran at <time> and <time>"),
        // ids mixing letters and digits
        arguments("Order order-1234 unknown", "Order order-<n> unknown"),
        arguments("Token abc123xyz rejected", "Token <id> rejected"),
        arguments("Token abc123def rejected", "Token <hex> rejected"),
        arguments("Unknown key user_42", "Unknown key user_<n>"),
        arguments("Error ERR42 in step 2b", "Error <id> in step <id>"),
        arguments("No handler for 123abc", "No handler for <id>"),
        // pure words stay, whatever they look like
        arguments("Bot is not ready", "Bot is not ready"),
        arguments("deadbeef cafe facade", "deadbeef cafe facade"),
        arguments("Résumé invalide", "Résumé invalide"),
        // whitespace
        arguments("  too   many\n\tspaces  ", "too many spaces"),
        arguments("", ""));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("templates")
  void replacesVariablePartsWithPlaceholders(String message, String template) {
    assertThat(MessageTemplate.of(message)).isEqualTo(template);
  }

  @Test
  void messagesOfTheSameErrorWithDifferentDataCompareEqual() {
    assertThat(MessageTemplate.of("User 'alice' hit the limit of 20 requests at 2024-01-01T00:00:00Z"))
        .isEqualTo(MessageTemplate.of("User 'bob' hit the limit of 300 requests at 2025-12-31T23:59:59Z"));
  }

  @Test
  void nullBecomesEmpty() {
    assertThat(MessageTemplate.of(null)).isEmpty();
  }

  @Test
  void isCappedAtMaxLengthThenTrimmed() {
    String template = MessageTemplate.of("bot ".repeat(500));

    assertThat(template).hasSize(MessageTemplate.MAX_LENGTH - 1).isEqualTo(("bot ".repeat(50)).trim());
  }

  @Test
  void capDoesNotSplitASurrogatePair() {
    String message = "a".repeat(MessageTemplate.MAX_LENGTH - 1) + "\uD83D\uDE00tail";

    assertThat(MessageTemplate.of(message)).isEqualTo("a".repeat(MessageTemplate.MAX_LENGTH - 1));
  }

  @Test
  void readsOnlyTheFirstCharactersOfHugeMessages() {
    String message = "x".repeat(MessageTemplate.MAX_INPUT) + " 123";

    assertThat(MessageTemplate.of(message)).isEqualTo("x".repeat(MessageTemplate.MAX_LENGTH));
  }

  @Test
  void handlesPathologicalInputQuickly() {
    String message = "a.".repeat(1_000) + "@" + "-".repeat(1_000) + "'".repeat(1_000);

    long start = System.nanoTime();
    String template = MessageTemplate.of(message);

    assertThat(template).isNotNull();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void remembersRepeatedMessagesInABoundedCache() {
    String message = "Order 4711 for 'bob' failed";
    String first = MessageTemplate.of(message);

    assertThat(MessageTemplate.of(new String(message.toCharArray()))).isEqualTo(first)
        .isEqualTo("Order <n> for <str> failed");
    for (int i = 0; i < 5_000; i++) {
      assertThat(MessageTemplate.of("Order " + i + " failed")).isEqualTo("Order <n> failed");
    }
    assertThat(MessageTemplate.cached()).isBetween(1, 1024);
  }

  @Test
  void aMillionDistinctMessagesStayWithinTheCacheBound() {
    int bound = MessageTemplate.cacheCapacity();
    String last = null;
    for (int i = 0; i < 1_000_000; i++) {
      last = MessageTemplate.of(Integer.toString(i)); // the shortest distinct messages: computing is the cost
      if (i % 1_000 == 0) {
        assertThat(MessageTemplate.cached()).as("templates after %d messages", i + 1).isLessThanOrEqualTo(bound);
      }
    }
    assertThat(last).isEqualTo("<n>");
    assertThat(MessageTemplate.cached()).isPositive().isLessThanOrEqualTo(bound);
    assertThat(MessageTemplate.of(new String("999999".toCharArray())))
        .as("the most recent message is remembered: its template is returned, not recomputed").isSameAs(last);
    String recomputed = MessageTemplate.of("Order 123 lost");
    assertThat(MessageTemplate.of("Order 123 lost")).isSameAs(recomputed);
  }
}
