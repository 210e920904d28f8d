package io.chatlens.agent.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The breaker's decisions on fake samples: sampled every second, stress for 3 s degrades, relief for 5 s recovers. */
class BreakerStateMachineTest {

  static final StressSample CALM = new StressSample(40, 1, 0);
  static final StressSample HEAP_STRESS = new StressSample(95, 1, 0);
  static final StressSample GC_STRESS = new StressSample(40, 60, 0);
  static final StressSample QUEUE_STRESS = new StressSample(40, 1, 99);
  /** Between the relief and the stress thresholds: neither. */
  static final StressSample BAND = new StressSample(80, 1, 0);

  static BreakerSettings settings(int maxLevel) {
    return new BreakerSettings(true, 90, 75, 25, 10, 90, 50, Duration.ofSeconds(3), Duration.ofSeconds(5),
        Duration.ofSeconds(1), maxLevel);
  }

  private final BreakerStateMachine machine = new BreakerStateMachine(settings(3));

  private List<BreakerStateMachine.Transition> feed(StressSample sample, int times) {
    List<BreakerStateMachine.Transition> transitions = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      BreakerStateMachine.Transition transition = machine.sample(sample);
      if (transition != null) {
        transitions.add(transition);
      }
    }
    return transitions;
  }

  @Test
  void sustainedStressDegradesOneStepPerStressDuration() {
    assertThat(feed(HEAP_STRESS, 2)).as("not yet: 2 of 3 samples").isEmpty();
    assertThat(feed(HEAP_STRESS, 1)).singleElement().satisfies(transition -> {
      assertThat(transition.from()).isZero();
      assertThat(transition.to()).isEqualTo(1);
      assertThat(transition.degrade()).isTrue();
      assertThat(transition.reason()).isEqualTo("heap after GC 95% >= 90% for 3s");
    });
    assertThat(feed(GC_STRESS, 2)).isEmpty();
    assertThat(feed(GC_STRESS, 1)).singleElement().satisfies(transition -> {
      assertThat(transition.to()).isEqualTo(2);
      assertThat(transition.reason()).isEqualTo("GC time 60% >= 25% for 3s");
    });
    assertThat(feed(QUEUE_STRESS, 3)).singleElement()
        .satisfies(transition -> assertThat(transition.to()).isEqualTo(3));
    assertThat(feed(HEAP_STRESS, 30)).as("never beyond the highest level").isEmpty();
    assertThat(machine.level()).isEqualTo(3);
  }

  @Test
  void aBlipOfStressDoesNotDegrade() {
    for (int i = 0; i < 20; i++) {
      assertThat(feed(HEAP_STRESS, 2)).isEmpty();
      assertThat(feed(CALM, 1)).isEmpty();
      assertThat(feed(GC_STRESS, 2)).isEmpty();
      assertThat(feed(BAND, 1)).as("a sample between the thresholds breaks the run too").isEmpty();
    }
    assertThat(machine.level()).isZero();
  }

  @Test
  void recoveryIsStepwiseAndNeedsReliefBelowTheLowerThreshold() {
    feed(HEAP_STRESS, 9);
    assertThat(machine.level()).isEqualTo(3);

    assertThat(feed(BAND, 50)).as("below the stress threshold but above relief: hysteresis holds the level").isEmpty();
    assertThat(machine.level()).isEqualTo(3);

    assertThat(feed(CALM, 4)).as("4 of 5 relief samples").isEmpty();
    assertThat(feed(CALM, 1)).singleElement().satisfies(transition -> {
      assertThat(transition.from()).isEqualTo(3);
      assertThat(transition.to()).isEqualTo(2);
      assertThat(transition.degrade()).isFalse();
      assertThat(transition.reason()).isEqualTo("heap after GC 40% <= 75%, GC time 1% <= 10%, queue fill 0% <= 50% for 5s");
    });
    assertThat(feed(CALM, 4)).isEmpty();
    assertThat(feed(BAND, 1)).as("relief interrupted").isEmpty();
    assertThat(feed(CALM, 4)).as("the run starts again").isEmpty();
    assertThat(feed(CALM, 1)).singleElement().satisfies(transition -> assertThat(transition.to()).isEqualTo(1));
    assertThat(feed(CALM, 5)).singleElement().satisfies(transition -> assertThat(transition.to()).isZero());
    assertThat(feed(CALM, 100)).as("level 0 is the floor").isEmpty();
  }

  @Test
  void stressDuringRecoveryDegradesAgain() {
    feed(HEAP_STRESS, 3);
    feed(CALM, 4);
    assertThat(feed(HEAP_STRESS, 3)).singleElement().satisfies(transition -> assertThat(transition.to()).isEqualTo(2));
  }

  @Test
  void unknownSignalsNeitherStressNorHoldBackRecovery() {
    feed(QUEUE_STRESS, 3);
    assertThat(machine.level()).isEqualTo(1);
    assertThat(feed(StressSample.UNKNOWN, 5)).singleElement().satisfies(transition -> {
      assertThat(transition.to()).isZero();
      assertThat(transition.reason()).contains("heap after GC unknown");
    });
    assertThat(feed(StressSample.UNKNOWN, 100)).isEmpty();
  }

  @Test
  void theHighestLevelIsConfigurable() {
    BreakerStateMachine capped = new BreakerStateMachine(settings(1));
    for (int i = 0; i < 30; i++) {
      capped.sample(HEAP_STRESS);
    }
    assertThat(capped.level()).isEqualTo(1);
  }

  @Test
  void durationsBecomeSampleCounts() {
    BreakerSettings settings = new BreakerSettings(true, 90, 75, 25, 10, 90, 50, Duration.ofMillis(2500),
        Duration.ofMillis(100), Duration.ofSeconds(1), 3);
    assertThat(settings.stressSamples()).isEqualTo(3);
    assertThat(settings.reliefSamples()).as("at least one sample").isEqualTo(1);
  }
}
