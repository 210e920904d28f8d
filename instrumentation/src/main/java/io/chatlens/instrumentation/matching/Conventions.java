package io.chatlens.instrumentation.matching;

import io.chatlens.instrumentation.core.Component;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What ChatLens instruments when a component has no pattern of its own and
 * {@code chatlens.instrument.auto-detect} is on. Conventions only look at application packages, never at
 * common libraries.
 */
public final class Conventions {

  private static final Map<Component, String> PATTERNS = new LinkedHashMap<>();

  static {
    PATTERNS.put(Component.TURN, "*ChatService#handle*;*MessageHandler#handle*");
    PATTERNS.put(Component.SESSION, "*SessionManager");
    PATTERNS.put(Component.PARSER, "*CommandParser#parse*,validate*");
    PATTERNS.put(Component.SEARCH, "*SearchEngine#search*,find*,query*,lookup*,*Feedback:feedback");
    PATTERNS.put(Component.DATABASE, "*DatabaseManager");
    PATTERNS.put(Component.ERRORS, "*ErrorHandler#handle*,report*,capture*,record*,on*");
  }

  private Conventions() {}

  /** The convention patterns of a component, e.g. {@code *SessionManager}. */
  public static List<MethodPattern> of(Component component) {
    String text = PATTERNS.get(component);
    return text == null ? List.of() : MethodPattern.parseAll(text);
  }
}
