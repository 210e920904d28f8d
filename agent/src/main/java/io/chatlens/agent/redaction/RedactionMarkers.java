package io.chatlens.agent.redaction;

/**
 * The replacement tokens the redaction stage writes in place of sensitive data. A value found in free
 * text becomes {@code [REDACTED:<label>]}; the whole value of an attribute whose key is on the deny list
 * becomes {@link #REDACTED}.
 */
public final class RedactionMarkers {

  /** Replaces the whole value of an attribute whose key is on the deny list. */
  public static final String REDACTED = "[REDACTED]";
  /** Label of e-mail addresses. */
  public static final String EMAIL = "email";
  /** Label of payment card numbers that pass the Luhn check. */
  public static final String CARD = "card";
  /** Label of credentials with a recognisable shape: bearer tokens, JWTs, provider API keys. */
  public static final String TOKEN = "token";
  /** Label of values that follow a deny-listed key in text, such as {@code password=...}. */
  public static final String SECRET = "secret";
  /** Label of US social security numbers ({@code 123-45-6789} shaped, with the SSA's validity rules). */
  public static final String SSN = "ssn";
  /** Label of international bank account numbers that pass the ISO 13616 mod-97 check. */
  public static final String IBAN = "iban";
  /** Label of phone numbers written in international form ({@code +44 20 7946 0958}). */
  public static final String PHONE = "phone";
  /** Label of PEM private-key blocks. */
  public static final String PRIVATE_KEY = "private-key";
  /** Label written instead of the whole text when redaction itself failed: the stage fails closed. */
  public static final String UNPROCESSABLE = "unprocessable";

  /** The common start of every marker, used to leave already redacted values alone. */
  static final String PREFIX = "[REDACTED";

  private RedactionMarkers() {}

  /** The marker for a label, for example {@code [REDACTED:email]}. */
  public static String marker(String label) {
    return PREFIX + ':' + label + ']';
  }
}
