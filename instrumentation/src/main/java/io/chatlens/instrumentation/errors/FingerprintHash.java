package io.chatlens.instrumentation.errors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The 16 lower-case hex characters (64 bits) that identify a fingerprint's canonical text: the first 8 bytes of
 * its UTF-8 SHA-256 digest.
 */
final class FingerprintHash {

  private static final int BYTES = 8;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /**
   * Recent canonical texts and their hashes: an error group's text repeats with every occurrence, and a lookup is far
   * cheaper than finding a digest provider and hashing. Bounded: emptied when full.
   */
  private static final int CACHE_SIZE = 1024;
  private static final java.util.Map<String, String> RECENT = new java.util.concurrent.ConcurrentHashMap<>();

  private FingerprintHash() {}

  /**
   * The hash of {@code canonical}. Every Java platform must provide SHA-256; should one not, a 64-bit FNV-1a hash
   * keeps the result deterministic instead of failing.
   */
  static String of(String canonical) {
    String known = RECENT.get(canonical);
    if (known != null) {
      return known;
    }
    String hash = digest(canonical);
    if (RECENT.size() >= CACHE_SIZE) {
      RECENT.clear();
    }
    RECENT.put(canonical, hash);
    return hash;
  }

  private static String digest(String canonical) {
    byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, BYTES);
    } catch (NoSuchAlgorithmException e) {
      long hash = FNV_OFFSET;
      for (byte b : bytes) {
        hash = (hash ^ (b & 0xff)) * FNV_PRIME;
      }
      return String.format("%016x", hash);
    }
  }
}
