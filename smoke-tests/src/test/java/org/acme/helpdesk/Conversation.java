package org.acme.helpdesk;

/** A conversation handle. */
public record Conversation(String handle, String customer) {}
