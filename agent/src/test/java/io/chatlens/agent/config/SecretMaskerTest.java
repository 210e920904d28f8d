package io.chatlens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  @Test
  void masksSecretKeysAndHeaderValues() {
    assertThat(SecretMasker.mask("chatlens.alerts.webhook.token", "abc", false)).isEqualTo("****");
    assertThat(SecretMasker.mask("db.password", "abc", false)).isEqualTo("****");
    assertThat(SecretMasker.mask("otel.exporter.otlp.headers", "Authorization=Bearer x,tenant=acme", false))
        .isEqualTo("Authorization=****,tenant=****");
    assertThat(SecretMasker.mask("otel.service.name", "chatbot", false)).isEqualTo("chatbot");
    assertThat(SecretMasker.mask("otel.service.name", "chatbot", true)).isEqualTo("****");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"chatlens.alerts.email.pasword", "db.api_tokn", "app.secrt",
      "db.passwd", "cloud.credentials", "tls.private_key", "tls.privateKey", "smtp.passowrd", "vault.credental",
      "chatlens.apiKye", "service.acess-key", "db.pass", "jwt.sekret", "chatlens.authorisation", "x.cookies",
      "app.passphrase"})
  void masksKeysThatMerelyLookLikeSecrets(String key) {
    assertThat(SecretMasker.looksSecret(key)).as(key).isTrue();
    assertThat(SecretMasker.mask(key, "hunter2", false)).as(key).isEqualTo("****");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"chatlens.session.session-id", "travel.passport",
      "chatlens.tls.secure", "otel.exporter.otlp.client.key", "chatlens.redaction.keys", "checks.passed",
      "jobs.taken", "chatlens.turn.parent", "chatlens.search.result-count", "app.bypass", "db.select", "db.sector",
      "chatlens.alerts.email.username", "app.cookbook", "otel.exporter.otlp.certificate"})
  void leavesInnocentKeysAlone(String key) {
    assertThat(SecretMasker.looksSecret(key)).as(key).isFalse();
    assertThat(SecretMasker.mask(key, "visible", false)).as(key).isEqualTo("visible");
  }

  @org.junit.jupiter.api.Test
  void noDocumentedKeyLooksSecretUnlessItIsOne() {
    java.util.List<ConfigKey<?>> keys = new java.util.ArrayList<>(ConfigKeys.all());
    keys.addAll(OtelKeys.known().values());
    assertThat(keys).isNotEmpty();
    for (ConfigKey<?> key : keys) {
      if (!key.secret() && !key.name().endsWith("headers")) {
        assertThat(SecretMasker.looksSecret(key.name())).as(key.name()).isFalse();
      }
    }
  }

  @org.junit.jupiter.api.Test
  void distanceCountsASwapAsOneTypo() {
    assertThat(SecretMasker.distance("passowrd", "password")).isEqualTo(1);
    assertThat(SecretMasker.distance("pasword", "password")).isEqualTo(1);
    assertThat(SecretMasker.distance("passport", "password")).isEqualTo(2);
  }
}
