package org.acme.helpdesk;

/** The customer asked for something the helpdesk cannot do: a user error. */
public final class UnsupportedIntentException extends RuntimeException {
  public UnsupportedIntentException(String message) {
    super(message);
  }
}
