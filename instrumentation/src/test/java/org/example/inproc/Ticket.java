package org.example.inproc;

/** One user message with the ids the turn pattern reads ({@code arg0.session}, {@code arg0.user}). */
public record Ticket(String session, String user, String text) {}
