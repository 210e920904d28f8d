package io.chatlens.instrumentation.errors;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;

/** The application's error handlers: every error they receive is categorized, grouped and recorded. */
public final class ErrorsUnit implements ComponentUnit {

  @Override
  public Component component() {
    return Component.ERRORS;
  }

  @Override
  public String description() {
    return "error capture and reporting";
  }

  @Override
  public String conventions() {
    return "*ErrorHandler#handle*,report*,capture*,record*,on*";
  }

  @Override
  public String patternsDescription() {
    return "Error handler methods: any Throwable argument they receive is captured as an error.";
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new ErrorsHandler(context.instruments(), context.events(), context.settings(),
        context.required(ErrorRecorder.class));
  }
}
