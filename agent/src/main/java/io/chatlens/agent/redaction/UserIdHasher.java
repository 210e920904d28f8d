package io.chatlens.agent.redaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Pseudonymises user ids: {@code u_} followed by the first 16 hex digits of SHA-256(salt + id). Stable
 * for a given salt, so one user's turns still correlate, but not reversible without the salt.
 */
final class UserIdHasher {

  private static final String ALGORITHM = "SHA-256";
  private static final String PREFIX = "u_";
  private static final int HEX_DIGITS = 16;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] salt;
  /** A digest that has consumed the salt and is never updated again; hashes start from clones of it. */
  private final MessageDigest salted;

  UserIdHasher(String salt) {
    this.salt = salt.getBytes(StandardCharsets.UTF_8);
    this.salted = newSaltedDigest(this.salt);
  }

  /** The pseudonym of {@code id}. */
  String hash(String id) {
    byte[] hash = startDigest().digest(id.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[PREFIX.length() + HEX_DIGITS];
    PREFIX.getChars(0, PREFIX.length(), out, 0);
    for (int i = 0; i < HEX_DIGITS / 2; i++) {
      out[PREFIX.length() + 2 * i] = HEX[(hash[i] >> 4) & 0xf];
      out[PREFIX.length() + 2 * i + 1] = HEX[hash[i] & 0xf];
    }
    return new String(out);
  }

  private MessageDigest startDigest() {
    try {
      return (MessageDigest) salted.clone();
    } catch (CloneNotSupportedException e) {
      return newSaltedDigest(salt);
    }
  }

  private static MessageDigest newSaltedDigest(byte[] salt) {
    try {
      MessageDigest digest = MessageDigest.getInstance(ALGORITHM);
      digest.update(salt);
      return digest;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
  }
}
