package io.chatlens.agent.alerts;

import java.util.Locale;

/** How urgent an alert is; the {@code severity} label of the exported Prometheus rule. */
public enum Severity {
  CRITICAL,
  WARNING;

  /** {@code critical} or {@code warning}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
