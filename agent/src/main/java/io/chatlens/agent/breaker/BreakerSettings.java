package io.chatlens.agent.breaker;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import java.time.Duration;

/**
 * The circuit breaker's configuration: a stress and a lower relief threshold per signal, in percent, how long stress
 * (or relief) must hold before the level moves one step, how often the signals are sampled, and the highest level.
 */
public record BreakerSettings(boolean enabled, double heapStress, double heapRelief, double gcTimeStress,
    double gcTimeRelief, double queueStress, double queueRelief, Duration stressDuration, Duration reliefDuration,
    Duration checkInterval, int maxLevel) {

  public static BreakerSettings from(AgentConfig config) {
    return new BreakerSettings(config.get(ConfigKeys.BREAKER_ENABLED),
        config.get(ConfigKeys.BREAKER_HEAP_STRESS), config.get(ConfigKeys.BREAKER_HEAP_RELIEF),
        config.get(ConfigKeys.BREAKER_GC_TIME_STRESS), config.get(ConfigKeys.BREAKER_GC_TIME_RELIEF),
        config.get(ConfigKeys.BREAKER_QUEUE_STRESS), config.get(ConfigKeys.BREAKER_QUEUE_RELIEF),
        config.get(ConfigKeys.BREAKER_STRESS_DURATION), config.get(ConfigKeys.BREAKER_RELIEF_DURATION),
        config.get(ConfigKeys.BREAKER_CHECK_INTERVAL), config.get(ConfigKeys.BREAKER_MAX_LEVEL));
  }

  /** Consecutive stressed samples before the level goes up one step (at least 1). */
  public int stressSamples() {
    return samples(stressDuration);
  }

  /** Consecutive relieved samples before the level goes down one step (at least 1). */
  public int reliefSamples() {
    return samples(reliefDuration);
  }

  private int samples(Duration duration) {
    long interval = Math.max(1, checkInterval.toMillis());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (duration.toMillis() + interval - 1) / interval));
  }
}
