package io.chatlens.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendBufferTest {

  @Test
  void keepsAtMost720PointsPerSeriesOldestFirst() throws Exception {
    TrendBuffer buffer = new TrendBuffer(List.of("a", "b"));
    for (int i = 0; i < 2000; i++) {
      buffer.add(i * 10_000L, new double[] {i, i % 3 == 0 ? Double.NaN : -i});
    }
    assertThat(buffer.size()).isEqualTo(TrendBuffer.CAPACITY).isEqualTo(720);
    long[] times = buffer.times();
    assertThat(times).hasSize(720);
    assertThat(times[0]).isEqualTo(1280 * 10_000L);
    assertThat(times[719]).isEqualTo(1999 * 10_000L);
    double[] a = buffer.series("a");
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).isEqualTo(1280 + i);
    }
    assertThat(buffer.last("a")).isEqualTo(1999);

    JsonNode json = new ObjectMapper().readTree(buffer.json(10));
    assertThat(json.get("capacity").asInt()).isEqualTo(720);
    assertThat(json.get("t")).hasSize(720);
    assertThat(json.get("series").get("a")).hasSize(720);
    assertThat(json.get("series").get("b")).hasSize(720);
    assertThat(json.get("series").get("b").get(719).isNull()).as("NaN is null: 1999 %% 3 != 0").isFalse();
    assertThat(json.get("series").get("b").get(718).isNull()).as("1998 %% 3 == 0: no value").isTrue();
    assertThat(json.get("t").get(0).asDouble()).isEqualTo(12_800);
  }

  @Test
  void beforeItIsFullItHoldsWhatWasAdded() {
    TrendBuffer buffer = new TrendBuffer(List.of("x"));
    assertThat(buffer.size()).isZero();
    assertThat(buffer.last("x")).isNaN();
    buffer.add(1000, new double[] {1});
    buffer.add(2000, new double[] {2});
    assertThat(buffer.times()).containsExactly(1000, 2000);
    assertThat(buffer.series("x")).containsExactly(1, 2);
  }

  @Test
  void theBoundIsHard() {
    assertThatThrownBy(() -> new TrendBuffer(List.of("x"), 721)).isInstanceOf(IllegalArgumentException.class);
    TrendBuffer buffer = new TrendBuffer(List.of("x", "y"));
    assertThatThrownBy(() -> buffer.add(0, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void busiestMinutesAddUpTheRatesOfEachMinute() {
    TrendBuffer buffer = new TrendBuffer(List.of("throughput"));
    for (int i = 0; i < 18; i++) { // three minutes at 10 s: 1, 5 and 2 requests per second
      double rate = i < 6 ? 1 : i < 12 ? 5 : 2;
      buffer.add(600_000L + i * 10_000L, new double[] {rate});
    }
    List<long[]> busiest = buffer.busiestMinutes("throughput", 10, 2);
    assertThat(busiest).hasSize(2);
    assertThat(busiest.get(0)).containsExactly(660_000L, 300L);
    assertThat(busiest.get(1)).containsExactly(720_000L, 120L);
  }
}
