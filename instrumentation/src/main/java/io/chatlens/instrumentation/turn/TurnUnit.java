package io.chatlens.instrumentation.turn;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.session.SessionTable;

/** The turn: one user message handled, the root span of its trace. */
public final class TurnUnit implements ComponentUnit {

  @Override
  public Component component() {
    return Component.TURN;
  }

  @Override
  public String description() {
    return "handle one user message";
  }

  @Override
  public String conventions() {
    return "*ChatService#handle*;*MessageHandler#handle*";
  }

  @Override
  public String patternsDescription() {
    return "The method that handles one user message from start to reply, e.g. com.acme.chat.ChatService#handle.";
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new TurnHandler(context.instruments(), context.events(), context.settings(), SessionTable.in(context));
  }
}
