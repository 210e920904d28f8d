package io.chatlens.instrumentation.database;

import io.chatlens.instrumentation.core.BaseHandler;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Labels;
import io.chatlens.instrumentation.core.Settings;
import java.time.Duration;

/**
 * The application's own data-access class: one span per call, the parent of the JDBC spans made inside
 * it, and {@code chatbot.database.operation.duration} by method. Slow calls are logged at WARN.
 */
public final class DatabaseHandler extends BaseHandler {

  private final Labels operations = Labels.of("operation");
  private final long slowNanos;

  public DatabaseHandler(Instruments instruments, Events events, Settings settings, Duration slowThreshold) {
    super(instruments, events, settings);
    this.slowNanos = slowThreshold.toNanos();
  }

  @Override
  public void onEnter(Invocation invocation) {}

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {
    String operation = invocation.probe().methodName();
    instruments.databaseDuration.record(seconds(durationNanos), operations.get(operation));
    if (durationNanos >= slowNanos) {
      events.emit(invocation, ChatEvent.Level.WARN, "Slow database operation " + operation + " took "
          + millis(durationNanos) + " ms", null, false, "duration_ms", Long.toString(durationNanos / 1_000_000));
    }
  }
}
