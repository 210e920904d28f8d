package com.example.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppOptionsTest {

  @Test
  void hasDocumentedDefaults() {
    AppOptions options = AppOptions.parse();

    assertThat(options).isEqualTo(AppOptions.defaults());
    assertThat(options.mode()).isEqualTo(RunMode.SCRIPT);
    assertThat(options.users()).isEqualTo(5);
    assertThat(options.turns()).isEqualTo(10);
    assertThat(options.threads()).isEqualTo(2);
    assertThat(options.seed()).isEqualTo(42);
    assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.thinkTime()).isZero();
    assertThat(options.piiMessages()).isFalse();
    assertThat(options.quiet()).isFalse();
    assertThat(options.jdbcUrl()).isEqualTo("jdbc:h2:mem:chatbot;DB_CLOSE_DELAY=-1");
  }

  @Test
  void readsEveryOption() {
    AppOptions options = AppOptions.parse("--mode", "repl", "--users", "3", "--turns=8", "--threads", "4",
        "--seed", "-7", "--idle-timeout", "500ms", "--think-ms", "20", "--pii-messages", "--quiet",
        "--jdbc-url", "jdbc:postgresql://db:5432/chat?ssl=true", "--db-user", "bot", "--db-password=s3cret");

    assertThat(options).isEqualTo(new AppOptions(RunMode.REPL, 3, 8, 4, -7, Duration.ofMillis(500),
        Duration.ofMillis(20), true, true, "jdbc:postgresql://db:5432/chat?ssl=true", "bot", "s3cret", false));
    assertThat(options.toString()).doesNotContain("s3cret");
  }

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "PT1.5S, PT1.5S"})
  void readsDurations(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
    assertThat(AppOptions.parse("--idle-timeout", text).idleTimeout()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--frobnicate", "--users", "--users=0", "--turns=x", "--threads=-1", "--mode=batch",
      "--idle-timeout=0s", "--idle-timeout=soon", "--think-ms=-5"})
  void rejectsBadArguments(String argument) {
    assertThatThrownBy(() -> AppOptions.parse(argument)).isInstanceOf(UsageException.class);
  }

  @Test
  void recognizesHelp() {
    assertThat(AppOptions.parse("--help").help()).isTrue();
  }
}
