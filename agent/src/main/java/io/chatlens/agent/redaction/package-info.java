/**
 * The single redaction stage applied to every log message, span attribute, exception message and alert
 * payload before it leaves the process, so that no personal data or secret is exported.
 *
 * <p>{@link io.chatlens.agent.redaction.Redactor} is the entry point; it is built from an immutable
 * {@link io.chatlens.agent.redaction.RedactionConfig}. Replacement tokens are listed in
 * {@link io.chatlens.agent.redaction.RedactionMarkers}. The code uses the JDK only: it runs inside the
 * agent on the application's hot paths, so every detector starts with a cheap pre-check, expressions are
 * precompiled and never searched across text that cannot match, and unchanged text is returned as the
 * same instance.
 */
package io.chatlens.agent.redaction;
