package io.chatlens.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromDurationTest {

  @Test
  void secondsReadWhatFormatWrites() {
    for (Duration duration : new Duration[] {Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(90),
        Duration.ofDays(2), Duration.ofSeconds(2)}) {
      assertThat(PromDuration.seconds(PromDuration.format(duration))).as(duration.toString())
          .isEqualTo(duration.toSeconds());
    }
    assertThat(PromDuration.seconds("2500ms")).isEqualTo(2);
  }

  @Test
  void aNewSeriesCountsFromZeroWhenItsAgentWasSeenOneWindowAgoOrIsYoungerThanTheWindowAndAMinute() {
    assertThat(Signal.increaseCountingNewSeries("x_total", "5m"))
        .isEqualTo("sum by (job, instance) (((x_total unless x_total offset 5m) and on (job, instance) "
            + "(target_info offset 5m or process_uptime_seconds < 360)) + 0 or increase(x_total[5m]))");
    assertThat(Signal.increaseCountingNewSeries("x_total", "10m")).contains("process_uptime_seconds < 660");
  }
}
