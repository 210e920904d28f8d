package org.acme.helpdesk;

/** An exception whose own methods fail: the agent must cope without disturbing the application. */
public final class HostileException extends RuntimeException {
  @Override
  public String getMessage() {
    throw new UnsupportedOperationException("no message for you");
  }

  @Override
  public StackTraceElement[] getStackTrace() {
    throw new UnsupportedOperationException("no stack for you");
  }
}
