package io.chatlens.agent.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.errors.CapturedError;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.sentry.SentryEvent;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryStackFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentryExportTest {

  @TempDir
  Path dir;
  private SentryExport export;

  @AfterEach
  void close() {
    if (export != null) {
      export.close(200);
    }
  }

  private AgentConfig config(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return ConfigLoader.load(null, Map.of(), properties, dir);
  }

  private static final Resource RESOURCE = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"),
      "chatbot", AttributeKey.stringKey("service.version"), "1.4.2",
      AttributeKey.stringKey("deployment.environment.name"), "staging"));

  private static CapturedError error() {
    CapturedError.Thrown root = new CapturedError.Thrown("java.io.IOException", "mail to bob@example.com bounced",
        List.of(new CapturedError.Frame("com.acme.Mailer", "send", "Mailer.java", 12, true),
            new CapturedError.Frame("java.lang.Thread", "run", "Thread.java", 840, false)));
    CapturedError.Thrown outer = new CapturedError.Thrown("com.acme.ReplyFailed", "reply failed",
        List.of(new CapturedError.Frame("com.acme.Bot", "reply", "Bot.java", 40, true)));
    return new CapturedError(1_700_000_000_000L, "0123456789abcdef", "com.acme.ReplyFailed", "internal", false,
        Boolean.FALSE, "turn", "/ask", "sess-1", "u-hash", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        List.of(outer, root));
  }

  @Test
  void noDsnMeansNoExport() {
    assertThat(SentryExport.start(config(), Redactor.withDefaults(), RESOURCE, Map.of())).isNull();
  }

  @Test
  void theSentryDsnVariableIsUsedWhenTheKeyIsNotSet() {
    export = SentryExport.start(config(), Redactor.withDefaults(), RESOURCE,
        Map.of("SENTRY_DSN", "http://key@127.0.0.1:9/1"));
    assertThat(export).isNotNull();
  }

  @Test
  void eventCarriesFingerprintChainTagsUserAndTrace() {
    export = SentryExport.start(config("chatlens.sentry.dsn", "http://key@127.0.0.1:9/1"), Redactor.withDefaults(),
        RESOURCE, Map.of());

    SentryEvent event = export.toEvent(error());

    assertThat(event.getFingerprints()).containsExactly("0123456789abcdef");
    List<SentryException> exceptions = event.getExceptions();
    assertThat(exceptions).hasSize(2);
    assertThat(exceptions.get(0).getType()).as("root cause first").isEqualTo("IOException");
    assertThat(exceptions.get(0).getModule()).isEqualTo("java.io");
    assertThat(exceptions.get(0).getValue()).doesNotContain("bob@example.com").startsWith("mail to ");
    assertThat(exceptions.get(1).getType()).isEqualTo("ReplyFailed");
    List<SentryStackFrame> frames = exceptions.get(0).getStacktrace().getFrames();
    assertThat(frames).hasSize(2);
    assertThat(frames.get(1).getModule()).as("the newest frame last").isEqualTo("com.acme.Mailer");
    assertThat(frames.get(1).isInApp()).isTrue();
    assertThat(frames.get(0).isInApp()).isFalse();
    assertThat(frames.get(1).getLineno()).isEqualTo(12);
    assertThat(event.getTags()).containsEntry("chatbot.error.category", "internal")
        .containsEntry("chatbot.command", "/ask").containsEntry("chatlens.component", "turn")
        .containsEntry("session.id", "sess-1");
    assertThat(event.getUser().getId()).isEqualTo("u-hash");
    assertThat(event.getContexts().getTrace().getTraceId().toString()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(event.getContexts().getTrace().getSpanId().toString()).isEqualTo("b7ad6b7169203331");
    assertThat(exceptions.get(1).getMechanism().isHandled()).as("the outermost escaped the turn").isFalse();
    assertThat(exceptions.get(0).getMechanism().isHandled()).isNull();
  }

  @Test
  void environmentAndReleaseComeFromTheResourceUnlessConfigured() {
    export = SentryExport.start(config("chatlens.sentry.dsn", "http://key@127.0.0.1:9/1"), Redactor.withDefaults(),
        RESOURCE, Map.of());
    assertThat(export.environment()).isEqualTo("staging");
    assertThat(export.release()).isEqualTo("chatbot@1.4.2");
    export.close(200);

    export = SentryExport.start(config("chatlens.sentry.dsn", "http://key@127.0.0.1:9/1",
        "chatlens.sentry.environment", "prod-eu"), Redactor.withDefaults(), RESOURCE, Map.of());
    assertThat(export.environment()).isEqualTo("prod-eu");
  }

  @Test
  void anInvalidConfiguredDsnMeansNoSentryEvenWithTheVariable() {
    AgentConfig invalid = config("chatlens.sentry.dsn", "not a url");
    assertThat(invalid.problems()).isNotEmpty();
    assertThat(SentryExport.start(invalid, Redactor.withDefaults(), RESOURCE,
        Map.of("SENTRY_DSN", "http://key@127.0.0.1:9/1"))).isNull();
  }

  @Test
  void turnedOffItIgnoresTheVariable() {
    assertThat(SentryExport.start(config("chatlens.sentry.enabled", "false"), Redactor.withDefaults(), RESOURCE,
        Map.of("SENTRY_DSN", "http://key@127.0.0.1:9/1"))).isNull();
  }

  @Test
  void aFloodOfOneGroupIsLimitedPerMinute() {
    export = SentryExport.start(config("chatlens.sentry.dsn", "http://key@127.0.0.1:9/1",
        "chatlens.sentry.max-per-group", "3"), Redactor.withDefaults(), RESOURCE, Map.of());

    int wanted = 0;
    for (int i = 0; i < 100; i++) {
      wanted += export.wants("flood") ? 1 : 0;
    }
    assertThat(wanted).isEqualTo(3);
    assertThat(export.wants("other")).isTrue();
    assertThat(export.counters()).containsEntry("rate_limited", 97L);
  }

  @Test
  void sampleRateZeroSendsNothing() {
    export = SentryExport.start(config("chatlens.sentry.dsn", "http://key@127.0.0.1:9/1",
        "chatlens.sentry.sample-rate", "0"), Redactor.withDefaults(), RESOURCE, Map.of());

    assertThat(export.wants("any")).isFalse();
    assertThat(export.counters()).containsEntry("sampled_out", 1L);
  }

  @Test
  void aFullQueueDropsAndCounts() {
    export = SentryExport.start(config("chatlens.sentry.dsn", "http://key@127.0.0.1:9/1",
        "chatlens.sentry.queue-size", "1"), Redactor.withDefaults(), RESOURCE, Map.of());
    for (int i = 0; i < 1000; i++) {
      export.accept(error());
    }
    assertThat(export.counters().get("queued") + export.counters().get("dropped")).isEqualTo(1000L);
    assertThat(export.counters().get("dropped")).isPositive();
  }

  @Test
  void dsnChecks() {
    assertThat(SentryExport.dsnProblem("https://abc@o1.ingest.sentry.io/123")).isNull();
    assertThat(SentryExport.dsnProblem("https://o1.ingest.sentry.io/123")).contains("public key");
    assertThat(SentryExport.dsnProblem("https://abc@o1.ingest.sentry.io/")).contains("project id");
    assertThat(SentryExport.dsnProblem("ftp://abc@host/1")).contains("http");
    assertThat(SentryExport.masked("https://secretkey@o1.ingest.sentry.io/123"))
        .isEqualTo("https://***@o1.ingest.sentry.io/123");
    assertThat(new SentryExport.DiagnosticsLogger("https://secretkey@o1.ingest.sentry.io/123",
        "https://***@o1.ingest.sentry.io/123").mask("Initializing SDK with DSN: 'https://secretkey@o1.ingest.sentry.io/123'"))
        .doesNotContain("secretkey");
  }
}
