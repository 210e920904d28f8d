package io.chatlens.instrumentation.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

/** The interned label sets: a hard bound, whatever the values recorded. */
class LabelsBoundTest {

  @Test
  void aMillionDistinctValuesStayWithinTheBoundAndTheFirstStayInterned() {
    Labels labels = Labels.of("command", "status");
    Attributes first = labels.get("search", "ok");
    for (int i = 0; i < 1_000_000; i++) {
      Attributes built = labels.get("c" + i, i % 2 == 0 ? "ok" : "invalid");
      if (i % 1024 == 0 && labels.cached() > Labels.LIMIT) { // cached() reads every entry: now and then
        assertThat(labels.cached()).as("cached after %d values", i + 1).isLessThanOrEqualTo(Labels.LIMIT);
      }
      if (i == 999_999) {
        assertThat(built.get(AttributeKey.stringKey("command"))).isEqualTo("c999999");
        assertThat(built.get(AttributeKey.stringKey("status"))).isEqualTo("invalid");
      }
    }
    assertThat(labels.cached()).isEqualTo(Labels.LIMIT);
    assertThat(labels.get("search", "ok")).as("interned before the bound").isSameAs(first);
    assertThat(labels.get("c999998", "ok")).as("past the bound: built each time, equal")
        .isNotSameAs(labels.get("c999998", "ok")).isEqualTo(labels.get("c999998", "ok"));
  }

  @Test
  void aMillionDistinctSingleValuesStayWithinTheBound() {
    Labels labels = Labels.of("reason");
    for (int i = 0; i < 1_000_000; i++) {
      labels.get("r" + i);
      if (i % 1024 == 0 && labels.cached() > Labels.LIMIT) {
        assertThat(labels.cached()).as("cached after %d values", i + 1).isLessThanOrEqualTo(Labels.LIMIT);
      }
    }
    assertThat(labels.cached()).isEqualTo(Labels.LIMIT);
  }
}
