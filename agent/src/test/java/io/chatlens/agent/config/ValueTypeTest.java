package io.chatlens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueTypeTest {

  @Test
  void durations() {
    ValueType<Duration> type = ValueType.duration();
    assertThat(type.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(type.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(type.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(type.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(type.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(type.parse(" 1500 ")).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> type.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> type.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sizes() {
    ValueType<Long> type = ValueType.size();
    assertThat(type.parse("100MB")).isEqualTo(100L * 1024 * 1024);
    assertThat(type.parse("512kb")).isEqualTo(512L * 1024);
    assertThat(type.parse("1 GB")).isEqualTo(1024L * 1024 * 1024);
    assertThat(type.parse("42")).isEqualTo(42L);
    assertThatThrownBy(() -> type.parse("big")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void booleansAreStrict() {
    assertThat(ValueType.bool().parse("TRUE")).isTrue();
    assertThat(ValueType.bool().parse("false")).isFalse();
    assertThatThrownBy(() -> ValueType.bool().parse("yes")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void portsAndUrls() {
    assertThat(ValueType.port().parse("9464")).isEqualTo(9464);
    assertThatThrownBy(() -> ValueType.port().parse("70000")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ValueType.url().parse("http://collector:4318")).isEqualTo("http://collector:4318");
    assertThatThrownBy(() -> ValueType.url().parse("collector:4318")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void choicesAreCaseInsensitive() {
    assertThat(ValueType.oneOf("text", "json").parse("JSON")).isEqualTo("json");
    assertThat(ValueType.listOf("otlp", "none").parse("otlp, none")).containsExactly("otlp", "none");
    assertThatThrownBy(() -> ValueType.listOf("otlp").parse("otlp,zipkin")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emailAddressesAreStrictlyParsed() {
    ValueType<String> one = ValueType.emailAddress();
    assertThat(one.parse(" chatlens@example.org ")).isEqualTo("chatlens@example.org");
    assertThat(one.parse("ChatLens <chatlens@example.org>")).isEqualTo("ChatLens <chatlens@example.org>");
    assertThat(one.parse("")).isEmpty();
    for (String bad : new String[] {"chatlens@example.org\r\nBcc: thief@example.net", "a@example.org\nX: y",
        "a@example.org, b@example.org", "no-at-sign", "a@", "@example.org", "a b@example.org", "tab\t@example.org",
        "list: a@example.org;", "a@example.org\u2028b", "x".repeat(320) + "@example.org"}) {
      assertThatThrownBy(() -> one.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    ValueType<java.util.List<String>> many = ValueType.emailAddresses();
    assertThat(many.parse("ops@example.org, Oncall <oncall@example.org>"))
        .containsExactly("ops@example.org", "Oncall <oncall@example.org>");
    assertThatThrownBy(() -> many.parse("ops@example.org, x\r\nBcc: y@example.org"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(many.allowed()).contains("e-mail addresses");
    assertThat(one.allowed()).contains("one e-mail address");
  }
}
