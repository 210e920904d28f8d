package io.chatlens.agent.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Pseudonymisation of user ids. */
class UserIdHashingTest {

  private static Redactor hashing(String salt) {
    return new Redactor(RedactionConfig.builder().hashUserIds(true).salt(salt).build());
  }

  @Test
  void rawIdIsKeptWhenHashingIsOff() {
    String id = new String("user-42");
    assertThat(Redactor.withDefaults().userId(id)).isSameAs(id);
  }

  @Test
  void hashIsSaltedSha256Truncated() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest("pepperuser-42".getBytes(StandardCharsets.UTF_8));
    String expected = "u_" + HexFormat.of().formatHex(digest).substring(0, 16);

    assertThat(hashing("pepper").userId("user-42")).isEqualTo(expected).isEqualTo("u_78126829e9d59f54");
  }

  @Test
  void hashIsStableAcrossCallsAndInstances() {
    Redactor first = hashing("pepper");
    Redactor second = hashing("pepper");

    assertThat(first.userId("user-42")).isEqualTo(first.userId("user-42")).isEqualTo(second.userId("user-42"));
  }

  @Test
  void hashDependsOnSaltAndId() {
    assertThat(hashing("pepper").userId("user-42")).isNotEqualTo(hashing("salt").userId("user-42"));
    assertThat(hashing("pepper").userId("user-42")).isNotEqualTo(hashing("pepper").userId("user-43"));
  }

  @Test
  void hashHasTheDocumentedShape() {
    assertThat(hashing("").userId("jane@example.com")).matches("u_[0-9a-f]{16}").doesNotContain("jane");
    assertThat(hashing("pepper").userId("")).matches("u_[0-9a-f]{16}");
  }

  @Test
  void nullIdStaysNull() {
    assertThat(hashing("pepper").userId(null)).isNull();
    assertThat(Redactor.withDefaults().userId(null)).isNull();
  }
}
