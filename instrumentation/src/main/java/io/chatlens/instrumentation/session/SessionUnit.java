package io.chatlens.instrumentation.session;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.MethodRoles;
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.core.UnitKey;
import java.util.List;

/** Sessions: created, updated, cleaned up, expired; active sessions and their durations. */
public final class SessionUnit implements ComponentUnit {

  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> SESSION_ID = UnitKey.accessor("chatlens.session.session-id", "Semantics",
      "Where session methods find the session id. Default: create returns it (a String, or its id/sessionId); "
          + "other roles take the first String argument or the id of the first argument.");
  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> USER_ID = UnitKey.accessor("chatlens.session.user-id", "Semantics",
      "Where create finds the user id. Default: the returned object's userId, else the first String argument.");
  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> ACTIVE_COUNT = UnitKey.accessor("chatlens.session.active-count", "Semantics",
      "A read-only accessor on the session manager giving the application's own active-session count, e.g. "
          + "this.activeCount (a method or property named activeCount; a call with () is allowed only for getters, "
          + "size, length and the like). Default: the sessions ChatLens saw created and not yet cleaned up.");
  static final UnitKey<java.time.Duration> IDLE_TIMEOUT = UnitKey.duration("chatlens.session.idle-timeout", "Semantics",
      "", "When set, sessions idle this long are counted as expired even if no cleanup method reported them.");
  static final UnitKey<Integer> MAX_TRACKED = UnitKey.integer("chatlens.session.max-tracked", "Semantics", 100_000, 100,
      10_000_000, "Most sessions tracked at once (oldest evicted beyond).");

  @Override
  public Component component() {
    return Component.SESSION;
  }

  @Override
  public java.util.Set<String> vocabularyAttributes() {
    return java.util.Set.of(SessionHandler.ROLE.getKey());
  }

  @Override
  public String description() {
    return "session lifecycle";
  }

  @Override
  public String conventions() {
    return "*SessionManager";
  }

  /**
   * A lifecycle role after the method name ({@link SessionRoles#byConvention}); a method whose name says nothing is an
   * update when the user's pattern selected it, and not woven when a convention did (a session manager's getters are
   * not lifecycle events).
   */
  @Override
  public MethodRoles roles() {
    return (methodName, byConvention) -> {
      String role = SessionRoles.byConvention(methodName);
      if (role != null) {
        return role;
      }
      return byConvention ? MethodRoles.SKIP : SessionRoles.UPDATE;
    };
  }

  @Override
  public String patternsDescription() {
    return "Session lifecycle methods, e.g. com.acme.chat.SessionManager#create*,update*,close*,expire*.";
  }

  @Override
  public List<UnitKey<?>> keys() {
    return List.of(SESSION_ID, USER_ID, ACTIVE_COUNT, IDLE_TIMEOUT, MAX_TRACKED);
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new SessionHandler(context.instruments(), context.events(), context.settings(), SessionTable.in(context),
        new SessionHandler.Options(context.value(SESSION_ID), context.value(USER_ID), context.value(ACTIVE_COUNT),
            context.value(IDLE_TIMEOUT)));
  }
}
