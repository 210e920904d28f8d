package io.chatlens.instrumentation.session;

import java.util.Locale;

/**
 * The lifecycle role of a session-manager method, from its name: {@code create}, {@code update} or
 * {@code cleanup}. A role written in the pattern ({@code open*:create}) always wins.
 */
public final class SessionRoles {

  public static final String CREATE = "create";
  public static final String UPDATE = "update";
  public static final String CLEANUP = "cleanup";

  private static final String[] CREATE_PREFIXES = {"create", "open", "start", "new", "begin", "init", "login", "register"};
  private static final String[] UPDATE_PREFIXES = {"update", "touch", "refresh", "record", "add", "increment", "save",
      "track", "extend", "renew", "keepalive", "heartbeat", "mark", "append"};
  private static final String[] CLEANUP_PREFIXES = {"close", "end", "expire", "cleanup", "clean", "remove", "delete",
      "destroy", "invalidate", "evict", "purge", "terminate", "logout", "finish", "retire", "drop", "sweep", "prune"};

  private SessionRoles() {}

  /** The role a method name implies, or {@code null} when the name says nothing. */
  public static String byConvention(String methodName) {
    String name = methodName.toLowerCase(Locale.ROOT);
    if (startsWithAny(name, CLEANUP_PREFIXES)) {
      return CLEANUP;
    }
    if (startsWithAny(name, CREATE_PREFIXES)) {
      return CREATE;
    }
    if (startsWithAny(name, UPDATE_PREFIXES)) {
      return UPDATE;
    }
    return null;
  }

  /** Whether a role written in a pattern is one of the three. */
  public static boolean isValid(String role) {
    return CREATE.equals(role) || UPDATE.equals(role) || CLEANUP.equals(role);
  }

  private static boolean startsWithAny(String name, String[] prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
