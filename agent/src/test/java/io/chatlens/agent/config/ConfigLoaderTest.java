package io.chatlens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private final Map<String, String> env = new HashMap<>();
  private final Properties sys = new Properties();

  private Path file(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines));
    return file;
  }

  private AgentConfig load(String options) {
    return ConfigLoader.load(options, env, sys, dir);
  }

  @Test
  void anInvalidSecretUrlIsReportedWithoutEchoingIt() {
    sys.setProperty("chatlens.alerts.webhook.url", "https://hooks.example.com/services/T0/B0/XoXSecretToken with blank");
    sys.setProperty("chatlens.sentry.dsn", "https://s3cr3tKey@o1.ingest.example.io/4 2");

    AgentConfig config = load(null);

    assertThat(config.problems()).hasSize(2).allSatisfy(problem -> assertThat(problem.toString())
        .contains("is invalid").doesNotContain("XoXSecretToken").doesNotContain("s3cr3tKey")
        .doesNotContain("hooks.example.com/services"));
    assertThat(config.problems().toString()).contains("chatlens.alerts.webhook.url", "chatlens.sentry.dsn");
  }

  @Test
  void defaultsWhenNothingIsConfigured() {
    AgentConfig config = load(null);

    assertThat(config.file()).isNull();
    assertThat(config.problems()).isEmpty();
    assertThat(config.get(ConfigKeys.ENABLED)).isTrue();
    assertThat(config.get(ConfigKeys.INIT_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.otel("otel.exporter.otlp.protocol")).isEqualTo("http/protobuf");
    assertThat(config.serviceName()).isEqualTo("unknown_service:java");
  }

  @Test
  void exemplarsAreOffUnlessTheFileAsksForThem() throws IOException {
    assertThat(load(null).otelDefaultsAndFileProperties()).containsEntry("otel.metrics.exemplar.filter", "always_off");

    file("agent.properties", "otel.metrics.exemplar.filter=trace_based");

    assertThat(load(null).otelDefaultsAndFileProperties()).containsEntry("otel.metrics.exemplar.filter", "trace_based");
  }

  @Test
  void metricsAreExportedEvery15SecondsUnlessTheFileSaysOtherwise() throws IOException {
    assertThat(load(null).otelDefaultsAndFileProperties()).containsEntry("otel.metric.export.interval", "15s");
    assertThat(load(null).otel("otel.metric.export.interval")).isEqualTo("15s");

    file("agent.properties", "otel.metric.export.interval=60s");

    assertThat(load(null).otelDefaultsAndFileProperties()).containsEntry("otel.metric.export.interval", "60s");
  }

  @Test
  void findsTheFileInTheDocumentedOrder() throws IOException {
    Path local = file("agent.properties", "otel.service.name=local");
    Path fromEnv = file("env.properties", "otel.service.name=env");
    Path fromOption = file("option.properties", "otel.service.name=option");
    Path fromSys = file("sys.properties", "otel.service.name=sys");

    assertThat(load(null).file()).isEqualTo(local);
    env.put("CHATLENS_CONFIG", fromEnv.toString());
    assertThat(load(null).file()).isEqualTo(fromEnv);
    assertThat(load("config=" + fromOption).file()).isEqualTo(fromOption);
    sys.setProperty("chatlens.config", fromSys.toString());
    assertThat(load("config=" + fromOption).file()).isEqualTo(fromSys);
    assertThat(load("config=" + fromOption).serviceName()).isEqualTo("sys");
  }

  @Test
  void missingExplicitFileIsOneErrorAndDefaults() {
    AgentConfig config = load("config=nowhere.properties");

    assertThat(config.file()).isNull();
    assertThat(config.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.isError()).isTrue();
      assertThat(problem.render()).contains("nowhere.properties").contains("not found").contains("agent option config");
    });
    assertThat(config.get(ConfigKeys.ENABLED)).isTrue();
  }

  @Test
  void precedenceIsSystemPropertyThenEnvironmentThenOptionsThenFileThenDefault() throws IOException {
    file("agent.properties", "chatlens.init.timeout=1s", "chatlens.instrument.grace-period=2s",
        "chatlens.debug=true", "chatlens.banner=false");
    env.put("CHATLENS_INIT_TIMEOUT", "3s");
    env.put("CHATLENS_INSTRUMENT_GRACE_PERIOD", "4s");
    sys.setProperty("chatlens.init.timeout", "5s");

    AgentConfig config = load("chatlens.debug=false");

    assertThat(config.get(ConfigKeys.INIT_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.rawValue("chatlens.init.timeout").source()).isEqualTo(ConfigSource.SYSTEM_PROPERTY);
    assertThat(config.get(ConfigKeys.GRACE_PERIOD)).isEqualTo(Duration.ofSeconds(4));
    assertThat(config.rawValue("chatlens.instrument.grace-period").describeOrigin())
        .isEqualTo("environment variable CHATLENS_INSTRUMENT_GRACE_PERIOD");
    assertThat(config.get(ConfigKeys.DEBUG)).isFalse();
    assertThat(config.get(ConfigKeys.BANNER)).isFalse();
    assertThat(config.rawValue("chatlens.banner").describeOrigin()).endsWith("agent.properties:4");
    assertThat(config.get(ConfigKeys.STRICT)).isFalse();
  }

  @Test
  void invalidValueIsOneErrorNamingFileLineKeyValueAndWhatIsAllowed() throws IOException {
    Path path = file("agent.properties", "# header", "chatlens.init.timeout=soon");

    AgentConfig config = load(null);

    assertThat(config.get(ConfigKeys.INIT_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.problems()).singleElement().extracting(ConfigProblem::render).isEqualTo(
        "ERROR " + path + ":2: chatlens.init.timeout=soon: is invalid: expected a duration such as 250ms, 30s, 5m, "
            + "2h or 7d; using the default 10s");
  }

  @Test
  void aSenderAddressWithALineBreakIsOneErrorAndIsNotUsed() throws IOException {
    Path path = file("agent.properties", "chatlens.alerts.email.from=chatlens@example.org\\r\\nBcc: thief@example.net");

    AgentConfig config = load(null);

    assertThat(config.get(ConfigKeys.ALERTS_EMAIL_FROM)).isEmpty();
    assertThat(config.problems()).singleElement().extracting(ConfigProblem::render).asString()
        .startsWith("ERROR " + path + ":1: chatlens.alerts.email.from=chatlens@example.org")
        .contains("is invalid: expected one e-mail address such as chatlens@example.com")
        .endsWith("using the default (not set)");
  }

  @Test
  void unknownKeyIsAWarningNamingTheClosestKey() throws IOException {
    Path path = file("agent.properties", "chatlens.instrument.sesion=com.acme.Sessions");

    AgentConfig config = load(null);

    assertThat(config.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.isError()).isFalse();
      assertThat(problem.render()).isEqualTo("WARN " + path + ":1: chatlens.instrument.sesion=com.acme.Sessions: "
          + "unknown key; did you mean chatlens.instrument.session?");
    });
  }

  @Test
  void unknownEnvironmentVariableIsAWarningNamingTheClosestVariable() {
    env.put("CHATLENS_DEBGU", "true");

    assertThat(load(null).problems()).singleElement().extracting(ConfigProblem::render).asString()
        .contains("CHATLENS_DEBGU").contains("did you mean CHATLENS_DEBUG?");
  }

  @Test
  void strictTurnsWarningsIntoErrors() throws IOException {
    file("agent.properties", "chatlens.strict=true", "chatlens.instrument.sesion=x");

    AgentConfig config = load(null);

    assertThat(config.get(ConfigKeys.STRICT)).isTrue();
    assertThat(config.hasErrors()).isTrue();
  }

  @Test
  void resolvesEnvironmentPlaceholdersAndMasksThem() throws IOException {
    env.put("OTLP_TOKEN", "s3cr3t");
    file("agent.properties", "otel.exporter.otlp.headers=Authorization=Bearer ${env:OTLP_TOKEN}",
        "otel.service.name=${env:SERVICE:-chatbot}");

    AgentConfig config = load(null);

    assertThat(config.problems()).isEmpty();
    assertThat(config.otelDefaultsAndFileProperties())
        .containsEntry("otel.exporter.otlp.headers", "Authorization=Bearer s3cr3t")
        .containsEntry("otel.service.name", "chatbot");
    assertThat(config.entries()).filteredOn(entry -> entry.key().equals("otel.exporter.otlp.headers"))
        .singleElement().satisfies(entry -> assertThat(entry.value()).isEqualTo("Authorization=****"));
    assertThat(config.entries().toString()).doesNotContain("s3cr3t");
  }

  @Test
  void missingPlaceholderVariableIsAnError() throws IOException {
    file("agent.properties", "otel.exporter.otlp.headers=x=${env:NOPE}");

    AgentConfig config = load(null);

    assertThat(config.problems()).singleElement().extracting(ConfigProblem::render).asString()
        .contains("NOPE is not set");
    assertThat(config.otelDefaultsAndFileProperties()).doesNotContainKey("otel.exporter.otlp.headers");
  }

  @Test
  void invalidOtelValueFallsBackToTheDefaultForTheSdk() throws IOException {
    file("agent.properties", "otel.traces.sampler=sometimes", "otel.exporter.otlp.protocol=grpc",
        "otel.exporter.otlp.endpoint=localhost:4317");

    AgentConfig config = load(null);

    assertThat(config.problems()).extracting(ConfigProblem::render).hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("otel.traces.sampler=sometimes")
            .contains("one of always_on, always_off").contains("parentbased_always_on"))
        .anySatisfy(line -> assertThat(line).contains("otel.exporter.otlp.endpoint=localhost:4317")
            .contains("http://localhost:4317"));
    assertThat(config.otelOverrides()).containsEntry("otel.traces.sampler", "parentbased_always_on")
        .containsEntry("otel.exporter.otlp.endpoint", "http://localhost:4317");
    assertThat(config.otelDefaultsAndFileProperties()).containsEntry("otel.exporter.otlp.protocol", "grpc")
        .doesNotContainKey("otel.traces.sampler");
  }

  @Test
  void otelEnvironmentVariablesAreMappedForPrinting() {
    env.put("OTEL_SERVICE_NAME", "from-env");

    AgentConfig config = load(null);

    assertThat(config.serviceName()).isEqualTo("from-env");
    assertThat(config.entries()).filteredOn(entry -> entry.key().equals("otel.service.name")).singleElement()
        .satisfies(entry -> assertThat(entry.origin()).isEqualTo("environment variable OTEL_SERVICE_NAME"));
  }

  @Test
  void serviceNameFallsBackToResourceAttributes() throws IOException {
    file("agent.properties", "otel.resource.attributes=deployment.environment=prod, service.name=helpdesk");

    assertThat(load(null).serviceName()).isEqualTo("helpdesk");
  }

  @Test
  void agentOptionsKeepMethodListsTogether() {
    AgentConfig config = load("chatlens.instrument.session=com.acme.Sessions#open*,close*,chatlens.debug=true");

    assertThat(config.problems()).isEmpty();
    assertThat(config.get(ConfigKeys.patterns(io.chatlens.instrumentation.core.Component.SESSION))).singleElement().satisfies(pattern ->
        assertThat(pattern.methods()).hasSize(2));
    assertThat(config.get(ConfigKeys.DEBUG)).isTrue();
  }

  @Test
  void invalidPatternIsAnErrorAndThePatternIsDropped() throws IOException {
    file("agent.properties", "chatlens.instrument.search=com.acme.Search#find-all");

    AgentConfig config = load(null);

    assertThat(config.get(ConfigKeys.patterns(io.chatlens.instrumentation.core.Component.SEARCH))).isEmpty();
    assertThat(config.problems()).singleElement().extracting(ConfigProblem::render).asString()
        .contains(":1: chatlens.instrument.search=com.acme.Search#find-all").contains("find-all")
        .contains("method patterns");
  }

  @Test
  void nonChatlensNonOtelKeysInTheFileAreReported() throws IOException {
    file("agent.properties", "server.port=8080");

    assertThat(load(null).problems()).singleElement().extracting(ConfigProblem::render).asString()
        .contains("neither a chatlens.* nor an otel.* key");
  }

  @Test
  void loadFileIgnoresTheEnvironmentForChecks() throws IOException {
    env.put("CHATLENS_DEBUG", "true");
    Path path = file("check.properties", "chatlens.banner=false");

    AgentConfig config = ConfigLoader.loadFile(path, env, sys);

    assertThat(config.get(ConfigKeys.DEBUG)).isFalse();
    assertThat(config.get(ConfigKeys.BANNER)).isFalse();
    assertThat(config.file()).isEqualTo(path);
  }

  @Test
  void everyKeyHasAValidDefaultAndADescription() {
    for (ConfigKey<?> key : ConfigKeys.all()) {
      assertThat(key.description()).as(key.name()).isNotBlank();
      assertThat(key.name()).startsWith("chatlens.");
      if (!key.defaultValue().isEmpty()) {
        key.type().parse(key.defaultValue());
      }
    }
    assertThat(List.copyOf(ConfigKeys.all())).extracting(ConfigKey::name).doesNotHaveDuplicates();
  }

  @Test
  void valuesOfKeysThatLookLikeSecretsAreNeverEchoed() throws IOException {
    file("agent.properties",
        "chatlens.alerts.email.pasword=hunter2",
        "db.api_tokn=t0k3n",
        "otel.exporter.acme.secrt=s3cr3t",
        "otel.exporter.acme.secrt=s3cr3t-again",
        "chatlens.alerts.email.password=${env:NOT_SET_ANYWHERE}x");

    AgentConfig config = load(null);

    assertThat(config.problems()).isNotEmpty();
    assertThat(config.problems()).extracting(ConfigProblem::render)
        .allSatisfy(line -> assertThat(line).doesNotContain("hunter2", "t0k3n", "s3cr3t"))
        .anySatisfy(line -> assertThat(line).contains("chatlens.alerts.email.pasword=****: unknown key"))
        .anySatisfy(line -> assertThat(line).contains("db.api_tokn=****: ignored"))
        .anySatisfy(line -> assertThat(line).contains(":4: otel.exporter.acme.secrt=****: overrides the same key on line 3"));
    assertThat(config.entries()).filteredOn(entry -> entry.key().equals("otel.exporter.acme.secrt")).singleElement()
        .satisfies(entry -> assertThat(entry.value()).isEqualTo("****"));
  }

  @Test
  void anInvalidSecretValueIsNeverQuotedByTheParsersOwnWords() throws IOException {
    file("agent.properties", "chatlens.sentry.dsn=https://pub key@o1.ingest.sentry.io/42");

    AgentConfig config = load(null);

    assertThat(config.problems()).singleElement().extracting(ConfigProblem::render).asString()
        .contains("chatlens.sentry.dsn=****: is invalid: expected an http:// or https:// URL")
        .doesNotContain("pub key").doesNotContain("sentry.io");
  }
}
