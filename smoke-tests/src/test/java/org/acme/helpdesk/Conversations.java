package org.acme.helpdesk;

/** The session lifecycle, as an interface: ChatLens is configured with this name, not the implementation's. */
public interface Conversations {
  Conversation open(String customer);

  void touch(Conversation conversation);

  void retire(String handle);

  int live();
}
