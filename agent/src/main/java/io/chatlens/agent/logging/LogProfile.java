package io.chatlens.agent.logging;

import java.time.Duration;
import java.util.Locale;

/**
 * The seed's log retention policy, per environment: how long rotated DEBUG, INFO and WARN/ERROR files are
 * kept. Audit files are kept 7 years whatever the profile ({@code chatlens.log.retention.audit}).
 */
public enum LogProfile {

  /** Development: debug 7 days, info 30 days, warning/error 90 days. */
  DEV(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(90)),

  /** Production: debug 3 days, info 14 days, warning/error 365 days. */
  PROD(Duration.ofDays(3), Duration.ofDays(14), Duration.ofDays(365));

  private final Duration debug;
  private final Duration info;
  private final Duration warnAndError;

  LogProfile(Duration debug, Duration info, Duration warnAndError) {
    this.debug = debug;
    this.info = info;
    this.warnAndError = warnAndError;
  }

  /** The profile named {@code dev} or {@code prod}, in any case. */
  public static LogProfile named(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  public Duration debugRetention() {
    return debug;
  }

  public Duration infoRetention() {
    return info;
  }

  public Duration warnAndErrorRetention() {
    return warnAndError;
  }
}
