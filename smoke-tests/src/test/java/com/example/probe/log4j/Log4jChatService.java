package com.example.probe.log4j;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A turn (by convention) that logs through Log4j 2 while its span is active. Compiled by reflection-free
 * calls against the Log4j API jar, which is only on the probe JVM's class path.
 */
public final class Log4jChatService {

  public String handle(String sessionId, String message) {
    Logger log = LogManager.getLogger(Log4jChatService.class);
    log.warn("log4j warning while handling {} for token sk_live_4eC39HqLyjWDarjtT1zdp7dc", message);
    return "done " + message;
  }

  public static void main(String[] args) {
    System.out.println(new Log4jChatService().handle("s-1", "hello"));
  }
}
