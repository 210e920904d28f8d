package io.chatlens.instrumentation.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code Class#method:role} patterns of agent.properties, as documented in docs/instrumentation.md. */
class MethodPatternTest {

  @Test
  void aFullyQualifiedNameMatchesThatClassOnlyAndAlsoNamesItsSubtypes() {
    MethodPattern pattern = MethodPattern.parse("com.acme.ChatService#handle");

    assertThat(pattern.namesExactType()).isTrue();
    assertThat(pattern.typeName()).isEqualTo("com.acme.ChatService");
    assertThat(pattern.matchesClassName("com.acme.ChatService")).isTrue();
    assertThat(pattern.matchesClassName("com.acme.ChatServiceImpl")).isFalse();
    assertThat(pattern.matchesClassName("org.other.ChatService")).isFalse();
  }

  @Test
  void aSimpleNameMatchesInAnyPackageAndAsANestedClass() {
    MethodPattern pattern = MethodPattern.parse("ChatService#handle");

    assertThat(pattern.matchesClassName("com.acme.ChatService")).isTrue();
    assertThat(pattern.matchesClassName("ChatService")).isTrue();
    assertThat(pattern.matchesClassName("com.acme.Outer$ChatService")).isTrue();
    assertThat(pattern.matchesClassName("com.acme.MyChatService")).isFalse();
  }

  @Test
  void aGlobMatchesAnyRunOfCharactersDotsIncludedAndNamesNoSubtypes() {
    MethodPattern pattern = MethodPattern.parse("*SessionManager");

    assertThat(pattern.namesExactType()).isFalse();
    assertThat(pattern.matchesClassName("com.acme.chat.SessionManager")).isTrue();
    assertThat(pattern.matchesClassName("com.acme.RedisSessionManager")).isTrue();
    assertThat(pattern.matchesClassName("com.acme.SessionManagerFactory")).isFalse();
    assertThat(MethodPattern.parse("com.acme.*Manager").matchesClassName("com.acme.deep.SessionManager")).isTrue();
  }

  @Test
  void methodGlobsCarryTheirRolesAndNoMethodPartMeansEveryPublicMethod() {
    MethodPattern pattern = MethodPattern.parse("com.acme.Sessions#open*:create,touch:update,retire*:cleanup");

    assertThat(pattern.methods()).hasSize(3);
    assertThat(pattern.selectorFor("openForUser").role()).isEqualTo("create");
    assertThat(pattern.selectorFor("touch").role()).isEqualTo("update");
    assertThat(pattern.selectorFor("retireIdle").role()).isEqualTo("cleanup");
    assertThat(pattern.selectorFor("touchAll")).as("touch has no *").isNull();
    assertThat(pattern.selectorFor("close")).isNull();
    MethodPattern whole = MethodPattern.parse("com.acme.Sessions");
    assertThat(whole.selectorFor("open")).isNotNull();
    assertThat(whole.selectorFor("anyOtherName")).isNotNull();
  }

  @Test
  void severalPatternsAreSeparatedBySemicolonsAndAFaultyOneIsNamed() {
    List<MethodPattern> patterns = MethodPattern.parseAll("*ChatService#handle*; *MessageHandler#handle*");

    assertThat(patterns).extracting(MethodPattern::toString)
        .containsExactly("*ChatService#handle*", "*MessageHandler#handle*");
    assertThatThrownBy(() -> MethodPattern.parseAll("com.acme.Chat#handle;com.acme.9bad#x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9bad");
  }
}
