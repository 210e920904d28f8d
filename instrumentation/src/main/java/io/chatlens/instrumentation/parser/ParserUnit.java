package io.chatlens.instrumentation.parser;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.core.UnitKey;
import java.util.List;

/** Command parsing and validation: the command of each turn, valid or invalid. */
public final class ParserUnit implements ComponentUnit {

  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> COMMAND = UnitKey.accessor("chatlens.parser.command", "Semantics",
      "Where the parser's result names the command. Default: a returned String, or its name/command property.");
  static final UnitKey<Integer> MAX_COMMAND_NAMES = UnitKey.integer("chatlens.parser.max-command-names", "Semantics", 50,
      1, 1000, "Distinct command labels before further ones are reported as 'other'.");

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
  public List<UnitKey<?>> keys() {
    return List.of(COMMAND, MAX_COMMAND_NAMES);
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new ParserHandler(context.instruments(), context.events(), context.settings(),
        new ParserHandler.Options(context.value(COMMAND), context.value(MAX_COMMAND_NAMES)));
  }
}
