package io.chatlens.instrumentation.logs;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;

/** The application's own log events, exported as OTLP log records; selected by {@link LogBridgeScope}. */
public final class LogsUnit implements ComponentUnit {

  @Override
  public Component component() {
    return Component.LOGS;
  }

  @Override
  public String description() {
    return "the application's own log events";
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new LogBridgeHandler(context.openTelemetry().getLogsBridge());
  }
}
