package io.chatlens.agent.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The label guard's tables: bounded per metric and label, the first values keep their names, dated names folded. */
class LabelGuardTest {

  @Test
  void aMillionDistinctValuesKeepTheTableAtItsLimit() {
    LabelGuard guard = new Redactor(RedactionConfig.builder().maxLabelValues(100).build()).labels();
    int kept = 0;
    for (int i = 0; i < 1_000_000; i++) {
      String value = "pool-" + i + "-t";
      if (guard.value("executor.queue", "executor.name", value).equals(value)) {
        kept++;
      }
    }
    assertThat(kept).isEqualTo(100);
    assertThat(guard.value("executor.queue", "executor.name", "pool-7-t")).as("admitted values stay").isEqualTo("pool-7-t");
    assertThat(guard.value("other.metric", "executor.name", "pool-999999-t")).as("tables are per metric")
        .isEqualTo("pool-999999-t");
    assertThat(guard.overflowCount()).isEqualTo(999_900);
  }

  @Test
  void datedNamesAreFoldedAndValuesRedacted() {
    LabelGuard guard = Redactor.withDefaults().labels();
    assertThat(guard.value("m", "db.collection.name", "events_20240115")).isEqualTo("events_*");
    assertThat(guard.value("m", "db.collection.name", "logs-202401")).isEqualTo("logs_*");
    assertThat(guard.value("m", "db.collection.name", "users")).isEqualTo("users");
    assertThat(guard.value("m", "db.collection.name", "v_12345")).isEqualTo("v_12345");
    assertThat(guard.value("m", "command", "/mail jane@example.com")).isEqualTo("/mail [REDACTED:email]");
    assertThat(guard.spanValue("chatbot.command", "jane@example.com")).isEqualTo("[REDACTED:email]");
    assertThat(guard.spanValue("session.id", "s-1")).isEqualTo("s-1");
    assertThat(guard.logValue("command", "x".repeat(500))).hasSize(128);
  }
}
