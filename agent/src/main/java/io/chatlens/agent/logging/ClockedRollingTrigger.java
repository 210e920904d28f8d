package io.chatlens.agent.logging;

import ch.qos.logback.core.rolling.SizeAndTimeBasedFileNamingAndTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import io.chatlens.instrumentation.core.ChatEvent;
import java.time.Clock;

/**
 * Logback's size-and-time trigger (roll at midnight of the file name's time zone, or when the file reaches
 * the maximum size, whichever comes first) reading the time from a {@link Clock}, so that daily rotation
 * can be tested with a fake clock. {@code SizeAndTimeBasedRollingPolicy} always builds its own trigger on
 * the system clock; a {@code TimeBasedRollingPolicy} given this trigger behaves the same way otherwise.
 * (Logback notes this direct use as deprecated in the status list of the agent's private Logback context,
 * which nothing prints.)
 */
final class ClockedRollingTrigger extends SizeAndTimeBasedFileNamingAndTriggeringPolicy<ChatEvent> {

  private final Clock clock;

  ClockedRollingTrigger(Clock clock, long maxFileSize) {
    this.clock = clock;
    setMaxFileSize(new FileSize(maxFileSize));
  }

  @Override
  public long getCurrentTime() {
    return clock.millis();
  }
}
