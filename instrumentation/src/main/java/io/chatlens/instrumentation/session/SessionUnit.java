package io.chatlens.instrumentation.session;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.MethodRoles;
import io.chatlens.instrumentation.core.UnitContext;

/** Sessions: created, updated, cleaned up, expired; active sessions and their durations. */
public final class SessionUnit implements ComponentUnit {

  @Override
  public Component component() {
    return Component.SESSION;
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
  public ComponentHandler handler(UnitContext context) {
    return new SessionHandler(context.instruments(), context.events(), context.settings(), SessionTable.in(context));
  }
}
