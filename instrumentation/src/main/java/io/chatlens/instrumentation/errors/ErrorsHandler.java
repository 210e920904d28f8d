package io.chatlens.instrumentation.errors;

import io.chatlens.instrumentation.core.BaseHandler;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Settings;

/**
 * The application's error handler: whatever Throwable reaches a matched method is captured (type,
 * category, fingerprint, exception event, {@code chatbot_errors_total}) and the current turn counts as
 * failed, even though the application caught the exception.
 */
public final class ErrorsHandler extends BaseHandler {

  private final ErrorRecorder recorder;

  public ErrorsHandler(Instruments instruments, Events events, Settings settings, ErrorRecorder recorder) {
    super(instruments, events, settings);
    this.recorder = recorder;
  }

  @Override
  public void onEnter(Invocation invocation) {
    Object[] args = invocation.args();
    if (args == null) {
      return;
    }
    for (Object arg : args) {
      if (arg instanceof Throwable error) {
        recorder.handled(invocation, error);
        return;
      }
    }
  }

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {}
}
