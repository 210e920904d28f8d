package io.chatlens.instrumentation.core;

/**
 * What an error is, as the errors component found it: its type, category, fingerprint and whether the user's input
 * caused it. Kept on the {@link Invocation} that threw it, for the handlers (JDBC logs the category).
 */
public record ErrorInfo(String type, String category, String fingerprint, boolean userError) {}
