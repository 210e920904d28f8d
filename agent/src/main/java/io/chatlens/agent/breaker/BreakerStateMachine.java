package io.chatlens.agent.breaker;

import java.util.ArrayList;
import java.util.List;

/**
 * The circuit breaker's decisions, one sample at a time, with no clock and no threads (the caller samples at a fixed
 * interval, so durations are counts of consecutive samples).
 *
 * <ul>
 *   <li>A sample is <em>stressed</em> when any signal is at or above its stress threshold, <em>relieved</em> when every
 *       known signal is at or below its relief threshold, and otherwise in between (the hysteresis band).
 *   <li>{@code stressSamples} consecutive stressed samples raise the level one step (up to {@code maxLevel}); the
 *       count then starts again, so each further step needs stress to hold as long again.
 *   <li>{@code reliefSamples} consecutive relieved samples lower it one step; the count then starts again.
 *   <li>A sample in between breaks both runs: a blip neither degrades nor recovers.
 * </ul>
 */
public final class BreakerStateMachine {

  /** A change of level, and why. */
  public record Transition(int from, int to, String reason) {
    public boolean degrade() {
      return to > from;
    }
  }

  private final BreakerSettings settings;
  private final int stressSamples;
  private final int reliefSamples;
  private int level;
  private int stressedRun;
  private int relievedRun;

  public BreakerStateMachine(BreakerSettings settings) {
    this.settings = settings;
    this.stressSamples = settings.stressSamples();
    this.reliefSamples = settings.reliefSamples();
  }

  public int level() {
    return level;
  }

  /** Takes one sample; returns the level change it causes, or {@code null}. */
  public Transition sample(StressSample sample) {
    List<String> stress = stressReasons(sample);
    if (!stress.isEmpty()) {
      relievedRun = 0;
      stressedRun = Math.min(stressedRun + 1, stressSamples);
      if (stressedRun >= stressSamples && level < settings.maxLevel()) {
        stressedRun = 0;
        return move(level + 1, String.join(", ", stress) + " for " + describe(settings.stressDuration()));
      }
      return null;
    }
    stressedRun = 0;
    if (relieved(sample)) {
      relievedRun = Math.min(relievedRun + 1, reliefSamples);
      if (relievedRun >= reliefSamples && level > 0) {
        relievedRun = 0;
        return move(level - 1, reliefReason(sample) + " for " + describe(settings.reliefDuration()));
      }
    } else {
      relievedRun = 0;
    }
    return null;
  }

  private Transition move(int to, String reason) {
    Transition transition = new Transition(level, to, reason);
    level = to;
    return transition;
  }

  private List<String> stressReasons(StressSample sample) {
    List<String> reasons = new ArrayList<>(3);
    if (sample.heapAfterGc() >= settings.heapStress()) {
      reasons.add("heap after GC " + percent(sample.heapAfterGc()) + " >= " + percent(settings.heapStress()));
    }
    if (sample.gcTime() >= settings.gcTimeStress()) {
      reasons.add("GC time " + percent(sample.gcTime()) + " >= " + percent(settings.gcTimeStress()));
    }
    if (sample.queueFill() >= settings.queueStress()) {
      reasons.add("queue fill " + percent(sample.queueFill()) + " >= " + percent(settings.queueStress()));
    }
    return reasons;
  }

  /** NaN (unknown) counts as relieved: comparisons with NaN are false. */
  private boolean relieved(StressSample sample) {
    return !(sample.heapAfterGc() > settings.heapRelief()) && !(sample.gcTime() > settings.gcTimeRelief())
        && !(sample.queueFill() > settings.queueRelief());
  }

  private String reliefReason(StressSample sample) {
    return "heap after GC " + known(sample.heapAfterGc()) + " <= " + percent(settings.heapRelief())
        + ", GC time " + known(sample.gcTime()) + " <= " + percent(settings.gcTimeRelief())
        + ", queue fill " + known(sample.queueFill()) + " <= " + percent(settings.queueRelief());
  }

  private static String known(double value) {
    return Double.isNaN(value) ? "unknown" : percent(value);
  }

  static String percent(double value) {
    return Math.round(value) + "%";
  }

  static String describe(java.time.Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /** What a level sheds, for log lines and {@code /health}. */
  public static String describeLevel(int level) {
    return switch (level) {
      case 0 -> "normal: nothing shed";
      case 1 -> "DEBUG and INFO events dropped";
      case 2 -> "DEBUG and INFO events dropped, span attributes cut to the essentials";
      default -> "DEBUG and INFO events dropped, span attributes cut to the essentials, spans kept only for turns and "
          + "failures";
    };
  }
}
