package com.example.probe;

import java.util.Map;

/**
 * A turn (by convention) that receives the headers of the message it handles, as a chatbot behind a message
 * broker or an HTTP gateway does; with {@code chatlens.turn.parent=arg0} its span continues their trace.
 */
public final class RemoteParentChatService {

  public String handle(Map<String, String> headers, String message) {
    return "ok " + message;
  }

  public static void main(String[] args) {
    System.out.println(new RemoteParentChatService().handle(
        Map.of("traceparent", "00-" + args[0] + "-" + args[1] + "-01"), "hello"));
  }
}
