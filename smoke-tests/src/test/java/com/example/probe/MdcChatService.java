package com.example.probe;

import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/** A turn (by convention) that logs through SLF4J/Logback and java.util.logging while its span is active. */
public final class MdcChatService {

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(MdcChatService.class);
  private static final Logger JUL = Logger.getLogger("com.example.probe.jul");

  public String handle(String sessionId, String message) {
    LOG.info("handling '{}' for a user with password hunter2", message);
    JUL.warning("a java.util.logging warning while handling " + message);
    return "done " + message;
  }
}
