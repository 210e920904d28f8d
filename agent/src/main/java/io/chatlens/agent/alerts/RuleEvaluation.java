package io.chatlens.agent.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The state machine of one rule: inactive → pending (condition true, waiting {@code for}) → firing →
 * resolved. No data counts as "condition false". Confined to the evaluation thread; {@link #status()}
 * gives an immutable copy for other threads.
 */
final class RuleEvaluation {

  private final AlertRule rule;
  private final Duration repeatInterval;
  private AlertState state = AlertState.INACTIVE;
  private Instant since;
  private Instant lastNotified;
  private double value = Double.NaN;

  RuleEvaluation(AlertRule rule, Duration repeatInterval, Instant start) {
    this.rule = rule;
    this.repeatInterval = repeatInterval;
    this.since = start;
  }

  AlertRule rule() {
    return rule;
  }

  /** Advances the state with a new value and reports the notifications it calls for. */
  void update(OptionalDouble newValue, Instant now, Consumer<AlertNotification> notify) {
    value = newValue.isPresent() ? newValue.getAsDouble() : Double.NaN;
    boolean holds = rule.holds(newValue);
    switch (state) {
      case INACTIVE, RESOLVED -> {
        if (holds) {
          enter(rule.forDuration().isZero() ? AlertState.FIRING : AlertState.PENDING, now);
          if (state == AlertState.FIRING) {
            fire(now, false, notify);
          }
        } else if (state == AlertState.RESOLVED) {
          enter(AlertState.INACTIVE, now);
        }
      }
      case PENDING -> {
        if (!holds) {
          enter(AlertState.INACTIVE, now);
        } else if (Duration.between(since, now).compareTo(rule.forDuration()) >= 0) {
          enter(AlertState.FIRING, now);
          fire(now, false, notify);
        }
      }
      case FIRING -> {
        if (!holds) {
          Instant firedSince = since;
          enter(AlertState.RESOLVED, now);
          notify.accept(new AlertNotification(rule, AlertState.RESOLVED, value, firedSince, now, false));
        } else if (Duration.between(lastNotified, now).compareTo(repeatInterval) >= 0) {
          fire(now, true, notify);
        }
      }
    }
  }

  AlertStatus status() {
    return new AlertStatus(rule.name(), rule.severity(), state, since, value);
  }

  private void enter(AlertState next, Instant now) {
    state = next;
    since = now;
  }

  private void fire(Instant now, boolean repeat, Consumer<AlertNotification> notify) {
    lastNotified = now;
    notify.accept(new AlertNotification(rule, AlertState.FIRING, value, since, now, repeat));
  }
}
