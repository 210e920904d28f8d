package io.chatlens.instrumentation.parser;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;

/** Command parsing and validation: the command of each turn, valid or invalid. */
public final class ParserUnit implements ComponentUnit {

  @Override
  public Component component() {
    return Component.PARSER;
  }

  @Override
  public String description() {
    return "command parsing and validation";
  }

  @Override
  public String conventions() {
    return "*CommandParser#parse*,validate*";
  }

  @Override
  public String patternsDescription() {
    return "Command parsing and validation methods, e.g. com.acme.chat.CommandParser#parse.";
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new ParserHandler(context.instruments(), context.events(), context.settings());
  }
}
