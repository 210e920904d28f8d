package io.chatlens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.breaker.BreakerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The circuit breaker's keys: on by default, and one clear error for values that cannot work together. */
class BreakerConfigTest {

  @TempDir
  Path dir;

  private AgentConfig load(String... lines) throws IOException {
    Files.writeString(dir.resolve("agent.properties"), String.join("\n", lines));
    return ConfigLoader.load(null, new HashMap<>(), new Properties(), dir);
  }

  @Test
  void onByDefault() throws IOException {
    AgentConfig config = load();
    BreakerSettings settings = BreakerSettings.from(config);
    assertThat(config.problems()).isEmpty();
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.heapStress()).isEqualTo(90.0);
    assertThat(settings.heapRelief()).isEqualTo(75.0);
    assertThat(settings.checkInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.stressSamples()).isEqualTo(10);
    assertThat(settings.reliefSamples()).isEqualTo(30);
    assertThat(settings.maxLevel()).isEqualTo(3);
  }

  @Test
  void reliefNotBelowStressIsOneErrorAndBothDefaultsApply() throws IOException {
    AgentConfig config = load("chatlens.breaker.heap-after-gc.stress=70", "chatlens.breaker.heap-after-gc.relief=80");
    assertThat(config.problems()).singleElement().extracting(ConfigProblem::render).isEqualTo("ERROR "
        + dir.resolve("agent.properties") + ":2: chatlens.breaker.heap-after-gc.relief=80: is invalid: "
        + "chatlens.breaker.heap-after-gc.relief (80) must be lower than chatlens.breaker.heap-after-gc.stress (70), "
        + "or the breaker could never recover; using the defaults 90 and 75");
    assertThat(config.get(ConfigKeys.BREAKER_HEAP_STRESS)).isEqualTo(90.0);
    assertThat(config.get(ConfigKeys.BREAKER_HEAP_RELIEF)).isEqualTo(75.0);
  }

  @Test
  void aStressThresholdBelowTheDefaultReliefIsBlamedOnTheStressKey() throws IOException {
    AgentConfig config = load("chatlens.breaker.queue-fill.stress=40");
    assertThat(config.problems()).singleElement().extracting(ConfigProblem::render).asString()
        .contains(":1: chatlens.breaker.queue-fill.stress=40: is invalid: chatlens.breaker.queue-fill.relief (50) must "
            + "be lower than chatlens.breaker.queue-fill.stress (40)");
    assertThat(config.get(ConfigKeys.BREAKER_QUEUE_STRESS)).isEqualTo(90.0);
  }

  @Test
  void outOfRangeValuesAndTooShortIntervals() throws IOException {
    AgentConfig config = load("chatlens.breaker.gc-time.stress=150", "chatlens.breaker.check-interval=10ms",
        "chatlens.breaker.max-level=4", "chatlens.breaker.enabled=maybe");
    assertThat(config.problems()).extracting(ConfigProblem::render).hasSize(4)
        .anySatisfy(line -> assertThat(line).contains("chatlens.breaker.gc-time.stress=150: is invalid: expected a "
            + "number from 1 to 100; using the default 25"))
        .anySatisfy(line -> assertThat(line).contains("chatlens.breaker.check-interval=10ms: is invalid: expected a "
            + "duration of at least 100ms; using the default 1s"))
        .anySatisfy(line -> assertThat(line).contains("chatlens.breaker.max-level=4: is invalid: expected an integer "
            + "from 1 to 3; using the default 3"))
        .anySatisfy(line -> assertThat(line).contains("chatlens.breaker.enabled=maybe: is invalid"));
    assertThat(config.get(ConfigKeys.BREAKER_CHECK_INTERVAL)).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.get(ConfigKeys.BREAKER_ENABLED)).isTrue();
  }
}
