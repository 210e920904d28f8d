package org.acme.sessions;

import java.util.concurrent.atomic.AtomicLong;

/** A session store that keeps nothing: every opened session is forgotten at once (a stateless front end). */
public final class Sessions {

  private final AtomicLong opened = new AtomicLong();

  /** Opens a session for a user and returns its id. */
  public String open(String user) {
    return "s-" + opened.incrementAndGet() + "-" + user;
  }

  /** Records one interaction of a session. */
  public void touch(String sessionId) {
    // nothing kept
  }

  public long opened() {
    return opened.get();
  }
}
