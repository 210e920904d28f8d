package com.example.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

  private final CommandParser parser = new CommandParser();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/help                         | /help     | ''",
      "/search reset password        | /search   | reset password",
      "/SEARCH   api key             | /search   | api key",
      "/ask how do I get a refund?   | /ask      | how do I get a refund?",
      "/faq 2                        | /faq      | 2",
      "/history                      | /history  | ''",
      "/feedback 17 good             | /feedback | 17 good",
      "/feedback 3 BAD               | /feedback | 3 bad",
      "/quit                         | /quit     | ''",
      "/admin crash                  | /admin    | crash",
  })
  void parsesKnownCommands(String message, String name, String argument) {
    assertThat(parser.parse(message)).isEqualTo(new Command(name, argument));
  }

  @Test
  void plainTextIsAQuestion() {
    assertThat(parser.parse("  How do I reset my password?  "))
        .isEqualTo(new Command(Command.ASK, "How do I reset my password?"));
  }

  @Test
  void feedbackArgumentSplitsIntoWords() {
    assertThat(parser.parse("/feedback 17 good").words()).containsExactly("17", "good");
  }

  @Test
  void unknownCommandIsRejectedWithItsName() {
    assertThatThrownBy(() -> parser.parse("/frobnicate now"))
        .isInstanceOfSatisfying(InvalidCommandException.class,
            e -> assertThat(e.getCommand()).isEqualTo("/frobnicate"))
        .hasMessage("unknown command /frobnicate");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t"})
  void emptyMessageIsRejected(String message) {
    assertThatThrownBy(() -> parser.parse(message))
        .isInstanceOf(InvalidCommandException.class)
        .hasMessage("empty message");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/search          | /search",
      "'/search   '     | /search",
      "/ask             | /ask",
      "/faq             | /faq",
      "/faq abc         | /faq",
      "/faq 0           | /faq",
      "/faq -3          | /faq",
      "/faq 1 2         | /faq",
      "/faq 99999999999 | /faq",
      "/feedback        | /feedback",
      "/feedback 2      | /feedback",
      "/feedback x good | /feedback",
      "/feedback 2 meh  | /feedback",
      "/feedback 2 good extra | /feedback",
      "/admin           | /admin",
      "/admin reboot    | /admin",
  })
  void badArgumentsAreRejected(String message, String command) {
    assertThatThrownBy(() -> parser.parse(message))
        .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.getCommand()).isEqualTo(command));
  }

  @Test
  void validationMessagesExplainTheExpectedForm() {
    assertThatThrownBy(() -> parser.parse("/search")).hasMessageContaining("needs a query");
    assertThatThrownBy(() -> parser.parse("/faq abc")).hasMessageContaining("numeric FAQ id");
    assertThatThrownBy(() -> parser.parse("/feedback 2 meh")).hasMessageContaining("good or bad");
  }
}
