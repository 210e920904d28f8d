package com.example.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConversationScriptTest {

  @Test
  void sameSeedGivesTheSameScript() {
    ConversationScript first = ConversationScript.generate(42, 5, 10, true);
    ConversationScript second = ConversationScript.generate(42, 5, 10, true);
    ConversationScript other = ConversationScript.generate(43, 5, 10, true);

    assertThat(first.users()).isEqualTo(second.users());
    assertThat(first.users()).isNotEqualTo(other.users());
  }

  @Test
  void everyUserSearchesAsksRatesAndLooksAtTheHistory() {
    ConversationScript script = ConversationScript.generate(42, 5, 10, false);

    assertThat(script.users()).extracting(UserScript::userId)
        .containsExactly("user-1", "user-2", "user-3", "user-4", "user-5");
    assertThat(script.users()).allSatisfy(user -> {
      assertThat(user.messages()).hasSize(10);
      assertThat(user.messages()).anyMatch(message -> message.matches("/search \\S.*"));
      assertThat(user.messages()).anyMatch(message -> !message.startsWith("/"));
      assertThat(user.messages()).contains("/history");
      assertThat(user.messages()).anyMatch(message -> message.matches("/feedback \\d+ (good|bad)"));
      assertThat(user.messages()).anyMatch(ConversationScript.INVALID_MESSAGES::contains);
    });
    assertThat(script.totalTurns()).isEqualTo(50);
  }

  @Test
  void aboutEverySeventhMessageIsInvalid() {
    ConversationScript script = ConversationScript.generate(7, 20, 14, false);

    assertThat(script.users()).hasSize(20).allSatisfy(user ->
        assertThat(user.messages().stream().filter(ConversationScript.INVALID_MESSAGES::contains)).hasSize(2));
  }

  @ParameterizedTest(name = "seed={0} users={1} turns={2}")
  @CsvSource({"1, 1, 1", "2, 3, 1", "3, 3, 2", "4, 5, 4", "42, 5, 10", "5, 12, 30"})
  void exactlyOneUserCrashesTheDatabaseOnce(long seed, int users, int turns) {
    ConversationScript script = ConversationScript.generate(seed, users, turns, false);

    long crashes = allMessages(script).filter(ConversationScript.CRASH_MESSAGE::equals).count();
    assertThat(crashes).isEqualTo(1);
    assertThat(script.users()).hasSize(users).allSatisfy(user -> assertThat(user.messages()).hasSize(turns));
  }

  @Test
  void piiMessagesAreAddedToOneUser() {
    ConversationScript script = ConversationScript.generate(42, 5, 10, true);

    List<UserScript> withPii = script.users().stream()
        .filter(user -> user.messages().containsAll(ConversationScript.PII_MESSAGES))
        .toList();
    assertThat(withPii).hasSize(1);
    assertThat(withPii.get(0).messages()).hasSize(10 + ConversationScript.PII_MESSAGES.size());
    assertThat(script.totalTurns()).isEqualTo(55);
    assertThat(allMessages(script))
        .contains("my password is hunter2", "my api token is sk_live_4eC39HqLyjWDarjtT1zdp7dc",
            "contact me at jane.doe@example.com")
        .anyMatch(message -> message.contains("4111 1111 1111 1111"))
        .anyMatch(message -> message.contains("4111111111111111"));
  }

  @Test
  void withoutPiiOptionNoSensitiveDataIsSent() {
    assertThat(allMessages(ConversationScript.generate(42, 5, 10, false)))
        .isNotEmpty().noneMatch(message -> message.contains("hunter2") || message.contains("4111"));
  }

  @ParameterizedTest(name = "users={0} abandoned={1}")
  @CsvSource({"1, 0", "2, 1", "5, 1", "9, 1", "10, 2", "25, 5"})
  void aboutOneUserInFiveAbandonsTheSession(int users, int abandoned) {
    ConversationScript script = ConversationScript.generate(42, users, 3, false);

    assertThat(script.users().stream().filter(UserScript::abandonsSession)).hasSize(abandoned);
  }

  @Test
  void rejectsEmptyRuns() {
    assertThatThrownBy(() -> ConversationScript.generate(1, 0, 5, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConversationScript.generate(1, 5, 0, false)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Stream<String> allMessages(ConversationScript script) {
    return script.users().stream().flatMap(user -> user.messages().stream());
  }
}
