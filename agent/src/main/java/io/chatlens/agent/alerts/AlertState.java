package io.chatlens.agent.alerts;

import java.util.Locale;

/**
 * Where a rule is in its life cycle. No data is never a reason to fire: a rule without data is
 * {@link #INACTIVE} (or {@link #RESOLVED} if it was firing).
 */
public enum AlertState {
  /** The condition is false, or there is no data. */
  INACTIVE,
  /** The condition is true but has not held for the rule's {@code for} duration yet. */
  PENDING,
  /** The condition has held for {@code for}; notifications were sent. */
  FIRING,
  /** It was firing and the condition is now false (or without data); a resolve notification was sent. */
  RESOLVED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
