package io.chatlens.agent.redaction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed digests of search queries: 16 hex digits of HMAC-SHA256(key, trimmed lower-cased query). The key is the
 * configured salt ({@code chatlens.redaction.salt}), so hashes compare across restarts and instances that share
 * it; without a salt it is 32 random bytes drawn once per process. An unkeyed hash of a short query could be
 * reversed by hashing a dictionary of likely queries.
 */
final class QueryHasher {

  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] key;
  private final ThreadLocal<Mac> macs;

  QueryHasher(String salt) {
    byte[] configured = salt == null ? new byte[0] : salt.getBytes(StandardCharsets.UTF_8);
    if (configured.length == 0) {
      configured = new byte[32];
      new SecureRandom().nextBytes(configured);
    }
    this.key = configured;
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  String hash(String query) {
    Mac mac = macs.get();
    byte[] digest = mac.doFinal(query.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(digest, 0, 8);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required on every Java platform", e);
    }
  }
}
