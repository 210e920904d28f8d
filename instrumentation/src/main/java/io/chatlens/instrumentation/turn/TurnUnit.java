package io.chatlens.instrumentation.turn;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.core.UnitKey;
import java.util.List;
import io.chatlens.instrumentation.session.SessionTable;

/** The turn: one user message handled, the root span of its trace. */
public final class TurnUnit implements ComponentUnit {

  static final UnitKey<String> ENDPOINT = UnitKey.nonEmptyText("chatlens.turn.endpoint", "Semantics", "/chat",
      "The endpoint label of chatbot_requests_total for turns.");
  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> SESSION_ID = UnitKey.accessor(
      "chatlens.turn.session-id", "Semantics",
      "Where a turn finds its session id. Default: the first String argument when the method has two or more.");
  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> USER_ID = UnitKey.accessor("chatlens.turn.user-id",
      "Semantics", "Where a turn finds its user id. Default: the user of the session, as seen when it was created.");
  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> MESSAGE = UnitKey.accessor("chatlens.turn.message",
      "Semantics", "Where a turn finds the user's message (its length is recorded). Default: the last String argument.");
  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> PARENT = UnitKey.accessor("chatlens.turn.parent",
      "Semantics", "A W3C traceparent string, or a map of headers, that the turn continues. Default: none (the turn is a "
          + "root SERVER span).");
  static final UnitKey<Boolean> CAPTURE_MESSAGES = UnitKey.bool("chatlens.capture.messages", "Semantics", false,
      "Record the user's message text (redacted) on turn spans. Off by default: only its length is recorded.");

  @Override
  public Component component() {
    return Component.TURN;
  }

  @Override
  public java.util.Set<String> vocabularyAttributes() {
    return java.util.Set.of(TurnHandler.TURN_STATUS.getKey());
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
  public List<UnitKey<?>> keys() {
    return List.of(ENDPOINT, SESSION_ID, USER_ID, MESSAGE, PARENT, CAPTURE_MESSAGES);
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new TurnHandler(context.instruments(), context.events(), context.settings(), SessionTable.in(context),
        new TurnHandler.Options(context.value(ENDPOINT), context.value(SESSION_ID), context.value(USER_ID),
            context.value(MESSAGE), context.value(PARENT), context.value(CAPTURE_MESSAGES)));
  }
}
