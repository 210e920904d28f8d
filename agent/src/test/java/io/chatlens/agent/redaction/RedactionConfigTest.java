package io.chatlens.agent.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The immutable configuration, its builder and the {@code label=regex;...} parser. */
class RedactionConfigTest {

  @Test
  void defaultsHaveTheDocumentedDenyListAndNoHashing() {
    RedactionConfig config = RedactionConfig.defaults();

    assertThat(config.sensitiveKeys()).containsExactlyElementsOf(RedactionConfig.DEFAULT_SENSITIVE_KEYS)
        .contains("password", "*token*", "*key", "set-cookie", "credential*", "iban");
    assertThat(config.patterns()).isEmpty();
    assertThat(config.hashUserIds()).isFalse();
    assertThat(config.salt()).isEmpty();
  }

  @Test
  void builtConfigurationIsImmutable() {
    RedactionConfig config = RedactionConfig.builder().addPattern("x", "X-[0-9]+").build();

    assertThatThrownBy(() -> config.sensitiveKeys().add("foo")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.patterns().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilderCopiesEverySetting() {
    RedactionConfig original = RedactionConfig.builder()
        .sensitiveKeys(List.of("tenant"))
        .addPattern("employee", "EMP-[0-9]{6}")
        .hashUserIds(true)
        .salt("pepper")
        .build();

    RedactionConfig copy = original.toBuilder().build();

    assertThat(copy.sensitiveKeys()).containsExactly("tenant");
    assertThat(copy.patterns()).extracting(LabeledPattern::label).containsExactly("employee");
    assertThat(copy.hashUserIds()).isTrue();
    assertThat(copy.salt()).isEqualTo("pepper");
    assertThat(copy.toString()).doesNotContain("pepper");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "**", "", "  ", "pass word", "pass=word", "a/b"})
  void rejectsInvalidSensitiveKeys(String glob) {
    assertThatThrownBy(() -> RedactionConfig.builder().addSensitiveKey(glob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid sensitive key");
  }

  @Test
  void parsesLabeledPatterns() {
    List<LabeledPattern> patterns = RedactionConfig.parsePatterns(
        " employee = EMP-[0-9]{6} ; ticket=TCK\\d+;;semi=a\\;b; ");

    assertThat(patterns).extracting(LabeledPattern::label).containsExactly("employee", "ticket", "semi");
    assertThat(patterns.get(0).pattern().matcher("EMP-123456").matches()).isTrue();
    assertThat(patterns.get(1).pattern().matcher("TCK42").matches()).isTrue();
    assertThat(patterns.get(2).pattern().matcher("a;b").matches()).isTrue();
    assertThat(patterns.get(0).marker()).isEqualTo("[REDACTED:employee]");
  }

  @Test
  void parsingNothingGivesNoPatterns() {
    assertThat(RedactionConfig.parsePatterns(null)).isEmpty();
    assertThat(RedactionConfig.parsePatterns("  ")).isEmpty();
    assertThat(RedactionConfig.parsePatterns(";;")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ok=abc;bad=[unclosed      | bad=[unclosed",
      "ok=abc;noequals           | noequals",
      "=abc                      | =abc",
      "label=                    | label=",
      "optional=a*               | optional=a*",
      "my label=abc              | my label",
      "paren=(abc                | paren=(abc"})
  void rejectsBadPatternsNamingThem(String spec, String named) {
    assertThatThrownBy(() -> RedactionConfig.parsePatterns(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid redaction pattern")
        .hasMessageContaining(named);
  }

  @Test
  void extraPatternsAreRedactedWithTheirLabel() {
    Redactor redactor = new Redactor(RedactionConfig.builder()
        .patterns(RedactionConfig.parsePatterns("employee=EMP-[0-9]{6};ticket=TCK-\\d+"))
        .build());

    String input = "assigned EMP-123456 to TCK-42, cc EMP-999999";

    assertThat(redactor.redact(input))
        .isEqualTo("assigned [REDACTED:employee] to [REDACTED:ticket], cc [REDACTED:employee]");
    assertThat(redactor.redact("EMP-12 is too short")).isEqualTo("EMP-12 is too short");
  }
}
