package com.example.chatbot;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One simulated user of script mode: opens a session, sends the scripted messages with an optional pause between
 * them, and closes the session unless the script abandons it.
 */
public final class UserConversation implements Callable<UserConversation.Outcome> {

  private final ChatService chatService;
  private final UserScript script;
  private final Transcript transcript;
  private final Sleeper sleeper;
  private final Duration thinkTime;

  /** Creates the conversation; nothing happens before {@link #call()}. */
  public UserConversation(ChatService chatService, UserScript script, Transcript transcript, Sleeper sleeper,
      Duration thinkTime) {
    this.chatService = chatService;
    this.script = script;
    this.transcript = transcript;
    this.sleeper = sleeper;
    this.thinkTime = thinkTime;
  }

  /** Plays the script and returns what happened. */
  @Override
  public Outcome call() throws InterruptedException {
    String sessionId = chatService.openSession(script.userId());
    int replies = 0;
    boolean first = true;
    for (String message : script.messages()) {
      if (!first && !thinkTime.isZero()) {
        sleeper.sleep(thinkTime);
      }
      first = false;
      String reply = chatService.handle(sessionId, message);
      transcript.exchange(script.userId(), message, reply);
      if (reply != null && !reply.isBlank()) {
        replies++;
      }
    }
    if (!script.abandonsSession()) {
      chatService.closeSession(sessionId);
    }
    return new Outcome(script.userId(), sessionId, replies, script.abandonsSession());
  }

  /**
   * What one user's conversation left behind.
   *
   * @param userId    the user
   * @param sessionId the session the user talked in
   * @param replies   how many non-blank replies the user received
   * @param abandoned whether the session was left open to expire
   */
  public record Outcome(String userId, String sessionId, int replies, boolean abandoned) {}
}
