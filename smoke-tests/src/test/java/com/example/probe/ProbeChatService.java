package com.example.probe;

/**
 * Named by the agent's turn convention ({@code *ChatService#handle*}). Loading it makes the agent finish
 * its initialisation, so a probe app that calls it runs with the agent fully active.
 */
public final class ProbeChatService {

  public String handle(String sessionId, String message) {
    return "echo " + message;
  }
}
