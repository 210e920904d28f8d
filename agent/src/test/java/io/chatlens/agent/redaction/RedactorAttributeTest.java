package io.chatlens.agent.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Key-based redaction of attributes and the deny-list semantics behind it. */
class RedactorAttributeTest {

  private final Redactor redactor = Redactor.withDefaults();

  @ParameterizedTest
  @ValueSource(strings = {
      "password", "PASSWORD", "Password", "passwd", "pwd", "pass", "secret", "db.password",
      "spring.datasource.password", "userPassword", "user_password", "password_confirm", "password1",
      "x-api-key", "X-API-Key", "apiKey", "APIKey", "api_key", "api-key", "API.KEY", "client_secret",
      "clientSecret", "my.secret.value", "access_token", "refreshToken", "githubToken", "Authorization",
      "http.request.header.authorization", "auth", "x-auth", "Cookie", "set-cookie", "Set_Cookie", "SET.COOKIE",
      "credentials", "credential_id", "privateKey", "private_key", "session_secret", "sessionSecret",
      "session-secret", "card_number", "cardNumber", "cvv", "CVV", "ssn", "iban", "pin", "pin_code"})
  void keysOnTheDefaultDenyListAreSensitive(String key) {
    assertThat(redactor.isSensitiveKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "user_id", "userId", "session_id", "sessionId", "chat.turn.id", "passenger", "passport", "author",
      "authority", "keyboard", "keys", "compass", "bypass", "spinner", "pinned", "discard", "http.method",
      "gen_ai.request.model", "message", "url.path", "session", "id", ""})
  void ordinaryKeysAreNotSensitive(String key) {
    assertThat(redactor.isSensitiveKey(key)).isFalse();
  }

  @Test
  void nullKeyIsNotSensitive() {
    assertThat(redactor.isSensitiveKey(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "password                          | hunter2                | [REDACTED]",
      "http.request.header.authorization | Bearer abc             | [REDACTED]",
      "apiKey                            | x                      | [REDACTED]",
      "user.email                        | jane@example.com       | [REDACTED:email]",
      "gen_ai.prompt                     | my password is hunter2 | my password is [REDACTED:secret]",
      "payment.note                      | 4111 1111 1111 1111    | [REDACTED:card]"})
  void redactsAttributeByKeyOrByValue(String key, String value, String expected) {
    assertThat(redactor.redactAttribute(key, value)).isEqualTo(expected);
  }

  @Test
  void harmlessAttributeIsReturnedAsTheSameInstance() {
    String value = new String("abc-def-ghi");
    assertThat(redactor.redactAttribute("chat.session.id", value)).isSameAs(value);
  }

  @Test
  void emptyAndNullValuesStayAsTheyAre() {
    assertThat(redactor.redactAttribute("password", null)).isNull();
    assertThat(redactor.redactAttribute("password", "")).isEmpty();
    assertThat(redactor.redactAttribute(null, "jane@example.com")).isEqualTo("[REDACTED:email]");
  }

  @Test
  void alreadyRedactedAttributeIsNotCountedTwice() {
    String once = redactor.redactAttribute("password", "hunter2");
    long count = redactor.redactionCount();

    assertThat(redactor.redactAttribute("password", once)).isSameAs(once);
    assertThat(redactor.redactionCount()).isEqualTo(count);
  }

  @Test
  void redactAllRedactsEveryEntryAndKeepsOrder() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("chat.session.id", "s-1");
    attributes.put("password", "hunter2");
    attributes.put("user.email", "jane@example.com");
    attributes.put("message", "hello");

    Map<String, String> result = redactor.redactAll(attributes);

    assertThat(result).containsExactly(
        entry("chat.session.id", "s-1"),
        entry("password", "[REDACTED]"),
        entry("user.email", "[REDACTED:email]"),
        entry("message", "hello"));
    assertThat(attributes).containsEntry("password", "hunter2");
  }

  @Test
  void redactAllReturnsTheSameMapWhenNothingChanges() {
    Map<String, String> attributes = Map.of("chat.session.id", "s-1", "message", "hello");
    assertThat(redactor.redactAll(attributes)).isSameAs(attributes);
  }

  @Test
  void redactAllHandlesNullEmptyAndNullEntries() {
    assertThat(redactor.redactAll(null)).isNull();
    Map<String, String> empty = Map.of();
    assertThat(redactor.redactAll(empty)).isSameAs(empty);
    Map<String, String> withNulls = new HashMap<>();
    withNulls.put(null, "pin is 1234");
    withNulls.put("password", null);
    assertThat(redactor.redactAll(withNulls))
        .containsEntry(null, "pin is [REDACTED:secret]")
        .containsEntry("password", null);
  }

  @Test
  void configuredDenyListReplacesTheDefaults() {
    Redactor custom = new Redactor(RedactionConfig.builder().sensitiveKeys(List.of("tenant*", "*.internal")).build());

    assertThat(custom.isSensitiveKey("tenantName")).isTrue();
    assertThat(custom.isSensitiveKey("db.internal")).isTrue();
    assertThat(custom.isSensitiveKey("password")).isFalse();
    assertThat(custom.redact("tenant_name=acme password=x")).isEqualTo("tenant_name=[REDACTED:secret] password=x");
  }

  @Test
  void addedKeysExtendTheDefaults() {
    Redactor custom = new Redactor(RedactionConfig.builder().addSensitiveKeys(List.of("otp", "x-tenant")).build());

    assertThat(custom.isSensitiveKey("otp")).isTrue();
    assertThat(custom.isSensitiveKey("X_Tenant")).isTrue();
    assertThat(custom.isSensitiveKey("password")).isTrue();
    assertThat(custom.redact("your otp: 918273 and x-tenant=acme"))
        .isEqualTo("your otp: [REDACTED:secret] and x-tenant=[REDACTED:secret]");
  }

  @Test
  void globsWithAWildcardInTheMiddleMatchRunsOfWords() {
    Redactor custom = new Redactor(RedactionConfig.builder().sensitiveKeys(List.of("db*url")).build());

    assertThat(custom.isSensitiveKey("primary.db.url")).isTrue();
    assertThat(custom.isSensitiveKey("dbConnectionUrl")).isTrue();
    assertThat(custom.isSensitiveKey("db.name")).isFalse();
    assertThat(custom.isSensitiveKey("curl")).isFalse();
  }
}
