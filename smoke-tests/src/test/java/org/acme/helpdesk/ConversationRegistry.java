package org.acme.helpdesk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The implementation the application uses. */
public final class ConversationRegistry implements Conversations {
  private final Map<String, Conversation> live = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  @Override
  public Conversation open(String customer) {
    Conversation conversation = new Conversation("conv-" + next.incrementAndGet(), customer);
    live.put(conversation.handle(), conversation);
    return conversation;
  }

  @Override
  public void touch(Conversation conversation) {
    if (!live.containsKey(conversation.handle())) {
      throw new IllegalStateException("conversation " + conversation.handle() + " is over");
    }
  }

  @Override
  public void retire(String handle) {
    live.remove(handle);
  }

  @Override
  public int live() {
    return live.size();
  }

  Conversation get(String handle) {
    return live.get(handle);
  }
}
