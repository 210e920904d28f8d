package io.chatlens.agent.alerts;

import java.time.Instant;

/**
 * One rule's state, as shown by the agent's health endpoint.
 *
 * @param name the rule name, e.g. {@code HighErrorRate}
 * @param severity critical or warning
 * @param state inactive, pending, firing or resolved
 * @param since when it entered that state
 * @param value the signal's last value; {@code NaN} without data
 */
public record AlertStatus(String name, Severity severity, AlertState state, Instant since, double value) {}
