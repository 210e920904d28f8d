package io.chatlens.agent.alerts;

import java.time.Instant;

/**
 * A change worth telling someone about: a rule started firing (or is still firing after the repeat
 * interval), or it resolved.
 *
 * @param rule the rule
 * @param state {@link AlertState#FIRING} or {@link AlertState#RESOLVED}
 * @param value the signal's value; {@code NaN} when it resolved for lack of data
 * @param since when it started firing
 * @param at when this was decided
 * @param repeat whether it is a reminder of an alert already notified
 */
public record AlertNotification(AlertRule rule, AlertState state, double value, Instant since, Instant at,
    boolean repeat) {}
