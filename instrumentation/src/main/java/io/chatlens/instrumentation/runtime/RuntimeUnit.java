package io.chatlens.instrumentation.runtime;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;

/** The application's thread pools (queue depth, active threads); selected by {@link ExecutorScope}. */
public final class RuntimeUnit implements ComponentUnit {

  @Override
  public Component component() {
    return Component.RUNTIME;
  }

  @Override
  public String description() {
    return "thread pools and the JVM";
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new ExecutorRegistry(context.instruments().meter, context.inFlightTurns());
  }
}
