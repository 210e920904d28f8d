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
}
