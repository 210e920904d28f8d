package io.chatlens.agent.config;

import io.chatlens.instrumentation.ComponentUnits;
import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.matching.MethodPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code chatlens.*} key the agent understands, with its type, default and meaning. The README's
 * configuration reference is generated from this list ({@code java -jar chatlens-agent.jar config --keys}).
 */
public final class ConfigKeys {

  private static final Map<String, ConfigKey<?>> ALL = new LinkedHashMap<>();

  // --- General -------------------------------------------------------------------------------------
  public static final ConfigKey<Boolean> ENABLED = key("General", "chatlens.enabled", ValueType.bool(), "true",
      "Turns the whole agent on or off. With false the agent installs nothing and costs nothing.");
  public static final ConfigKey<Boolean> STRICT = key("General", "chatlens.strict", ValueType.bool(), "false",
      "Fail fast: on any configuration error or unknown key the agent refuses to start (the application still starts).");
  public static final ConfigKey<String> CONFIG = key("General", "chatlens.config", ValueType.text(), "",
      "Path of agent.properties. Also the agent option config=PATH or CHATLENS_CONFIG; default ./agent.properties.");
  public static final ConfigKey<Boolean> BANNER = key("General", "chatlens.banner", ValueType.bool(), "true",
      "Print the one-line startup banner on standard error.");
  public static final ConfigKey<Boolean> DEBUG = key("General", "chatlens.debug", ValueType.bool(), "false",
      "Print the agent's own debug diagnostics (matched classes, init timings) on standard error.");
  public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = key("General", "chatlens.shutdown.timeout", ValueType.duration(), "3s",
      "Longest time the agent delays the JVM's exit to flush logs, alerts and the last export (a backend that is "
          + "down never holds the exit longer).");
  public static final ConfigKey<Duration> INIT_TIMEOUT = key("General", "chatlens.init.timeout", ValueType.duration(), "10s",
      "Longest time the loading of an instrumented class waits for the agent's background initialisation.");
  public static final ConfigKey<Boolean> JIT_LIGHT_BACKGROUND = key("General", "chatlens.jit.light-background",
      ValueType.bool(), "true", "Compile the agent's one-shot code (Byte Buddy, configuration parsing, the alert engine, "
          + "the endpoint) with the JIT's quick tier only (C1), never C2, through a HotSpot compiler directive added at "
          + "startup: on a small machine C2 would spend seconds of CPU on it while the application's own code waits to be "
          + "compiled. The agent's request path (its dispatcher and component handlers) is compiled without inlining "
          + "other ChatLens code into it, so each handler is compiled once instead of into every caller (half the "
          + "machine code). The application's code and the agent's per-event code are compiled as usual.");

  public static final ConfigKey<Integer> OTLP_GZIP_LEVEL = key("General", "chatlens.otlp.gzip-level",
      ValueType.integer(1, 9), "1", "Deflate level of OTLP gzip compression (otel.exporter.otlp.compression=gzip, the "
          + "default): 1 is the fastest, 9 the smallest. Level 1 costs a third of the CPU of the usual level 6 for "
          + "payloads about 20 % larger; the receiver sees the same Content-Encoding: gzip.");

  // --- Instrumentation -----------------------------------------------------------------------------
  public static final ConfigKey<Boolean> AUTO_DETECT = key("Instrumentation", "chatlens.instrument.auto-detect", ValueType.bool(), "true",
      "Instrument classes named by convention (*ChatService#handle*, *SessionManager, *CommandParser, *SearchEngine, "
          + "*DatabaseManager, *ErrorHandler) for every component that has no pattern of its own.");
  /** chatlens.instrument.<component> of every unit selected by patterns, documented by the unit itself. */
  private static final Map<Component, ConfigKey<List<MethodPattern>>> PATTERNS = patternKeys();
  public static final ConfigKey<List<String>> EXCLUDE = key("Instrumentation", "chatlens.instrument.exclude",
      ValueType.list(), "",
      "Extra package prefixes never instrumented, in addition to the JDK, the agent and common libraries.");
  public static final ConfigKey<Boolean> LOGS_BRIDGE = key("Instrumentation", "chatlens.instrument.app-logs", ValueType.bool(), "true",
      "Also export the application's own Logback, Log4j 2 and java.util.logging events as OTLP log records "
          + "(with trace context; redacted). Its log output is unchanged.");
  public static final ConfigKey<Boolean> LOGS_MDC = key("Instrumentation", "chatlens.instrument.mdc", ValueType.bool(), "true",
      "Add trace_id, span_id and trace_flags to the MDC of the application's Logback events and to the context data of its Log4j 2 events (%X{trace_id}) while a span is active.");
  public static final ConfigKey<Duration> GRACE_PERIOD = key("Instrumentation", "chatlens.instrument.grace-period",
      ValueType.duration(), "60s",
      "After this time, each configured pattern that matched no class gets one warning.");
  public static final ConfigKey<Boolean> JDBC = key("Instrumentation", "chatlens.instrument.jdbc", ValueType.bool(), "true",
      "Instrument every JDBC driver (statements, connections, data sources).");

  // --- Prometheus and health endpoint ---------------------------------------------------------------
  public static final ConfigKey<Boolean> PROMETHEUS_ENABLED = key("Endpoint", "chatlens.prometheus.enabled", ValueType.bool(), "true",
      "Serve /metrics (Prometheus text format), /health/live, /health/ready (and /health, the same as ready) and "
          + "/errors (JSON) over HTTP, and the live page (chatlens.ui.enabled).");
  public static final ConfigKey<String> PROMETHEUS_HOST = key("Endpoint", "chatlens.prometheus.host", ValueType.nonEmptyText(),
      "127.0.0.1", "Address the endpoint binds to; 0.0.0.0 to be scraped from other hosts or containers.");
  public static final ConfigKey<Integer> PROMETHEUS_PORT = key("Endpoint", "chatlens.prometheus.port", ValueType.port(), "9464",
      "Port of the endpoint (0 picks a free port).");
  public static final ConfigKey<String> PROMETHEUS_AUTH_TOKEN = secret("Endpoint", "chatlens.prometheus.auth-token",
      ValueType.text(), "", "When set, every path of the endpoint except /health/live, the bare status of /health/ready "
          + "({\"status\":\"UP\"} or DEGRADED with 503, for readiness probes, which cannot send a secret; its details "
          + "need the token) and the live page's own files (/ and /ui/..., which hold no data) answers 401 unless the request carries Authorization: Bearer <token> (Prometheus: authorization.credentials); write it as ${env:NAME}. "
          + "Default: no token (the endpoint warns once at startup when it binds beyond loopback without one).");
  public static final ConfigKey<Boolean> RUNTIME_METRICS = key("Endpoint", "chatlens.runtime.metrics", ValueType.bool(), "true",
      "JVM memory, GC, threads, classes and CPU, disk space of the log volume, and thread-pool queue depths.");

  public static final ConfigKey<Boolean> UI_ENABLED = key("Endpoint", "chatlens.ui.enabled", ValueType.bool(), "true",
      "Serve the live page at / of the endpoint (KPIs, trends of the last two hours, error groups, slowest turns, usage "
          + "and health checks), with its JSON under /api/; needs chatlens.prometheus.enabled. Read-only, loads nothing "
          + "from another host, and takes the endpoint's token.");
  public static final ConfigKey<String> UI_JAEGER_URL = key("Endpoint", "chatlens.ui.jaeger-url", ValueType.url(), "",
      "The Jaeger UI (for example http://localhost:16686): trace ids on the live page then link to <url>/trace/<id>. "
          + "Default: no link.");
  public static final ConfigKey<Integer> UI_SLOW_TURNS = key("Endpoint", "chatlens.ui.slow-turns", ValueType.integer(0, 100),
      "10", "How many of the slowest recent turns (of the last hour, with their spans) the live page lists; 0 keeps "
          + "none.");

  // --- Component semantics -------------------------------------------------------------------------
  /** The keys the component units declare for themselves ({@code ComponentUnit#keys()}), in the units' order. */
  private static final Map<io.chatlens.instrumentation.core.UnitKey<?>, ConfigKey<?>> UNIT_KEYS = unitKeys();

  // --- Sentry ----------------------------------------------------------------------------------------------------
  public static final ConfigKey<String> SENTRY_DSN = secret("Sentry", "chatlens.sentry.dsn", ValueType.url(), "",
      "Sentry DSN: every captured error is also sent to Sentry, with ChatLens's fingerprint and trace id. Write it as "
          + "${env:SENTRY_DSN}; when the key is not set the SENTRY_DSN variable is used, as Sentry's own SDKs do. "
          + "Default: no Sentry export.");
  public static final ConfigKey<Boolean> SENTRY_ENABLED = key("Sentry", "chatlens.sentry.enabled", ValueType.bool(),
      "true", "Whether captured errors go to Sentry when a DSN is known. Set false when the application already reports "
          + "to Sentry with the SENTRY_DSN variable and should not get each error twice.");
  public static final ConfigKey<Double> SENTRY_SAMPLE_RATE = key("Sentry", "chatlens.sentry.sample-rate",
      ValueType.decimal(0, 1), "1", "Share of captured errors sent to Sentry.");
  public static final ConfigKey<Integer> SENTRY_MAX_PER_GROUP = key("Sentry", "chatlens.sentry.max-per-group",
      ValueType.integer(1, 100_000), "10",
      "Most events sent per error group per minute: a flood of one error does not flood Sentry (the group's count "
          + "stays exact at GET /errors).");
  public static final ConfigKey<Integer> SENTRY_QUEUE_SIZE = key("Sentry", "chatlens.sentry.queue-size",
      ValueType.integer(1, 100_000), "100", "Errors waiting for the Sentry thread; beyond, new ones are dropped and counted.");
  public static final ConfigKey<String> SENTRY_ENVIRONMENT = key("Sentry", "chatlens.sentry.environment",
      ValueType.text(), "", "Sentry environment. Default: the resource's deployment.environment.name.");

  // --- Alerts --------------------------------------------------------------------------------------
  public static final ConfigKey<Boolean> ALERTS_ENABLED = key("Alerts", "chatlens.alerts.enabled", ValueType.bool(), "true",
      "Evaluate the alert rules inside the agent (no backend needed) and publish the derived KPI gauges "
          + "chatbot.error_rate, chatbot.search.zero_result_rate and chatbot.answer.accuracy.");
  public static final ConfigKey<String> ALERTS_FILE = key("Alerts", "chatlens.alerts.file", ValueType.text(), "",
      "The alert rules (YAML, see config/alerts.yaml). Default: alerts.yaml next to agent.properties when it exists, "
          + "else the built-in rules (the same as config/alerts.yaml).");
  public static final ConfigKey<Duration> ALERTS_INTERVAL = key("Alerts", "chatlens.alerts.interval",
      ValueType.positiveDuration(), "15s", "How often the rules are evaluated.");
  public static final ConfigKey<String> ALERTS_WEBHOOK_URL = secret("Alerts", "chatlens.alerts.webhook.url", ValueType.url(), "",
      "Where firing and resolved alerts are POSTed, e.g. a Slack incoming webhook; write it as ${env:NAME}. Default: no webhook.");
  public static final ConfigKey<String> ALERTS_WEBHOOK_FORMAT = key("Alerts", "chatlens.alerts.webhook.format",
      ValueType.oneOf("json", "slack"), "json",
      "Webhook payload: json (one object with status, alert, severity, summary, description, value, labels...) "
          + "or slack ({\"text\": ...}).");
  public static final ConfigKey<String> ALERTS_SMTP_HOST = key("Alerts", "chatlens.alerts.email.smtp-host", ValueType.text(), "",
      "SMTP server for alert e-mails. Default: no e-mail.");
  public static final ConfigKey<Integer> ALERTS_SMTP_PORT = key("Alerts", "chatlens.alerts.email.smtp-port",
      ValueType.integer(1, 65535), "25", "SMTP port: usually 587 or 25 with tls=starttls, 465 with tls=implicit.");
  public static final ConfigKey<String> ALERTS_EMAIL_TLS = key("Alerts", "chatlens.alerts.email.tls",
      ValueType.oneOf("starttls", "implicit", "none"), "starttls",
      "TLS to the SMTP server: starttls (required: no mail is sent, and no credentials, when the server does not offer "
          + "it), implicit (TLS from the first byte, SMTPS) or none (plain SMTP, only for a relay without "
          + "credentials: refused when a username or password is set). The server's certificate must be trusted "
          + "and name the smtp-host.");
  public static final ConfigKey<String> ALERTS_EMAIL_TRUST_STORE = key("Alerts", "chatlens.alerts.email.trust-store",
      ValueType.text(), "",
      "The CA certificates trusted for the SMTP server instead of the JDK's: a PEM (or DER) certificate file, or a "
          + "PKCS12/JKS trust store. Default: the JDK's trusted CAs.");
  public static final ConfigKey<String> ALERTS_EMAIL_TRUST_STORE_PASSWORD = secret("Alerts",
      "chatlens.alerts.email.trust-store-password", ValueType.text(), "",
      "Password of a PKCS12/JKS trust-store, if it has one; write it as ${env:NAME}.");
  public static final ConfigKey<String> ALERTS_EMAIL_FROM = key("Alerts", "chatlens.alerts.email.from", ValueType.emailAddress(), "",
      "Sender address of alert e-mails, e.g. chatlens@example.com or ChatLens <chatlens@example.com>. "
          + "Default: chatlens@ and the local host name.");
  public static final ConfigKey<List<String>> ALERTS_EMAIL_TO = key("Alerts", "chatlens.alerts.email.to",
      ValueType.emailAddresses(), "", "Recipients of alert e-mails.");
  public static final ConfigKey<String> ALERTS_EMAIL_USERNAME = key("Alerts", "chatlens.alerts.email.username", ValueType.text(), "",
      "SMTP user (AUTH PLAIN or LOGIN, only ever over TLS). Default: no authentication.");
  public static final ConfigKey<String> ALERTS_EMAIL_PASSWORD = secret("Alerts", "chatlens.alerts.email.password", ValueType.text(), "",
      "SMTP password; write it as ${env:NAME}.");
  public static final ConfigKey<Duration> ALERTS_NOTIFY_TIMEOUT = key("Alerts", "chatlens.alerts.notify-timeout",
      ValueType.positiveDuration(), "5s", "Longest time one webhook call or e-mail may take.");
  public static final ConfigKey<Duration> ALERTS_REPEAT_INTERVAL = key("Alerts", "chatlens.alerts.repeat-interval",
      ValueType.positiveDuration(), "1h", "A still-firing alert is notified again at most this often.");

  // --- Redaction -----------------------------------------------------------------------------------
  public static final ConfigKey<List<String>> REDACTION_KEYS = key("Redaction", "chatlens.redaction.keys", ValueType.list(), "",
      "Extra key globs whose values are always redacted, added to the defaults (password, passwd, pwd, secret, "
          + "*token*, *key, authorization, cookie, credential*, ...).");
  public static final ConfigKey<String> REDACTION_PATTERNS = key("Redaction", "chatlens.redaction.patterns",
      ValueType.redactionPatterns(), "",
      "Extra value patterns, label=regex;label=regex. Matches become [REDACTED:label].");
  public static final ConfigKey<Boolean> REDACTION_HASH_USER_IDS = key("Redaction", "chatlens.redaction.hash-user-ids",
      ValueType.bool(), "false", "Replace user ids by u_ + a salted SHA-256 prefix everywhere they leave the process.");
  public static final ConfigKey<String> REDACTION_SALT = secret("Redaction", "chatlens.redaction.salt", ValueType.text(), "",
      "Salt of the user-id hash and key of the search-query hash (HMAC-SHA256; without a salt the query hash is keyed "
          + "by a random per-process key); write it as ${env:NAME}.");
  public static final ConfigKey<Integer> METRICS_MAX_LABEL_VALUES = key("Redaction", "chatlens.metrics.max-label-values",
      ValueType.integer(1, 10_000), "100",
      "Distinct values each label of each metric keeps (after redaction and folding dated names such as events_20240115 "
          + "to events_*); later new values are recorded as 'other' and counted in chatlens.metrics.label_overflow. The "
          + "span attributes and log fields of the same dimensions (command, executor.name, db.collection.name) are "
          + "bounded the same way.");

  // --- Logging -------------------------------------------------------------------------------------
  public static final ConfigKey<String> LOG_DIR = key("Logging", "chatlens.log.dir", ValueType.nonEmptyText(), "logs",
      "Directory of the structured log files (relative to the application's working directory); the per-class files "
          + "go to its subdirectories debug/, info/, error/ and audit/.");
  public static final ConfigKey<String> LOG_FILE = key("Logging", "chatlens.log.file", ValueType.nonEmptyText(), "chatbot.log",
      "Name of the main structured log file.");
  public static final ConfigKey<String> LOG_LEVEL = key("Logging", "chatlens.log.level",
      ValueType.oneOf("debug", "info", "warn", "error"), "info",
      "Lowest level written to the structured log. Audit events are written to audit/ whatever their level.");
  public static final ConfigKey<Boolean> LOG_CONSOLE = key("Logging", "chatlens.log.console", ValueType.bool(), "false",
      "Also write the structured log to standard error.");
  public static final ConfigKey<Long> LOG_MAX_FILE_SIZE = key("Logging", "chatlens.log.max-file-size", ValueType.size(), "100MB",
      "Size at which each log file is rotated (every file is also rotated daily at midnight UTC).");
  public static final ConfigKey<Long> LOG_MAX_TOTAL_SIZE = key("Logging", "chatlens.log.max-total-size", ValueType.size(),
      "1GB", "Most disk space each log class (the main file, debug/, info/, error/) may take, its active file and rotated "
          + "files together: beyond it the oldest rotated files of that class are deleted, checked at each rotation and "
          + "hourly, so that an error flood cannot fill the disk. The audit log is never deleted for size: one warning "
          + "says when it is over. 0 turns the cap off.");
  public static final ConfigKey<java.util.Set<java.nio.file.attribute.PosixFilePermission>> LOG_FILE_MODE = key(
      "Logging", "chatlens.log.file-mode", ValueType.fileMode("rw"), "0640",
      "Permissions of the log files the agent creates, rotated and gzipped files included (POSIX file systems only; "
          + "elsewhere ignored); set exactly, whatever the process umask.");
  public static final ConfigKey<java.util.Set<java.nio.file.attribute.PosixFilePermission>> LOG_DIR_MODE = key(
      "Logging", "chatlens.log.dir-mode", ValueType.fileMode("rwx"), "0750",
      "Permissions of the log directories the agent creates, set exactly (POSIX file systems only; an existing "
          + "directory is left as it is).");
  public static final ConfigKey<Integer> LOG_QUEUE_SIZE = key("Logging", "chatlens.log.queue-size",
      ValueType.integer(64, 1_000_000), "8192",
      "Events buffered between application threads and the log writer. DEBUG/INFO are dropped first when it fills.");
  public static final ConfigKey<String> LOG_FORMAT = key("Logging", "chatlens.log.format", ValueType.oneOf("text", "json"),
      "text", "Format of every log file: text is the seed's line format (config/logstash/chatbot.conf parses it), json is "
          + "one ECS JSON object per line (config/logstash/chatbot-json.conf).");
  public static final ConfigKey<Boolean> LOG_LEVEL_FILES = key("Logging", "chatlens.log.level-files", ValueType.bool(),
      "true", "Also write one file per retention class next to the main file: debug/, info/ and error/ (WARN and ERROR), "
          + "each kept for its own retention. A class kept exactly as long as the main file is not written again: the "
          + "main file already holds it (by default info/, whose retention is the main file's).");
  public static final ConfigKey<Boolean> LOG_EXPORT_SPAN_EVENTS = key("Logging", "chatlens.log.export-span-events",
      ValueType.bool(), "false", "Also export as OTLP log records the DEBUG and INFO events that only repeat the span they "
          + "were written in (a turn handled, a command parsed, a search done, ...): the span already carries their "
          + "duration, status and attributes. WARN, ERROR and audit events, events outside spans and the application's "
          + "own logs are always exported. The log files get every event either way.");
  public static final ConfigKey<String> LOG_PROFILE = key("Logging", "chatlens.log.profile", ValueType.oneOf("dev", "prod"),
      "prod", "Retention defaults of the seed: dev keeps debug 7d, info 30d, warn/error 90d; prod keeps debug 3d, "
          + "info 14d, warn/error 365d. Each chatlens.log.retention.* key overrides one of them.");
  public static final ConfigKey<Duration> LOG_RETENTION_MAIN = key("Logging", "chatlens.log.retention.main",
      ValueType.duration(), "",
      "How long rotated files of the main log are kept. Default: monitoring.retention.logs of the alerts file (the "
          + "seed's block) in days, else the info retention of the profile.");
  public static final ConfigKey<Duration> LOG_RETENTION_DEBUG = key("Logging", "chatlens.log.retention.debug",
      ValueType.duration(), "", "How long rotated files of debug/ are kept. Default: 7d with profile dev, 3d with prod.");
  public static final ConfigKey<Duration> LOG_RETENTION_INFO = key("Logging", "chatlens.log.retention.info",
      ValueType.duration(), "", "How long rotated files of info/ are kept. Default: 30d with profile dev, 14d with prod.");
  public static final ConfigKey<Duration> LOG_RETENTION_ERROR = key("Logging", "chatlens.log.retention.error",
      ValueType.duration(), "",
      "How long rotated files of error/ (WARN and ERROR) are kept. Default: 90d with profile dev, 365d with prod.");
  public static final ConfigKey<Duration> LOG_RETENTION_AUDIT = key("Logging", "chatlens.log.retention.audit",
      ValueType.duration(), "2557d",
      "How long rotated files of audit/ (session lifecycle, alerts, configuration) are kept: 7 years, in every profile.");
  public static final ConfigKey<Duration> LOG_COMPRESS_AFTER = key("Logging", "chatlens.log.compress-after",
      ValueType.duration(), "7d",
      "Rotated files older than this are gzipped by the hourly housekeeping task (files of the current day never are).");

  // --- Reports -------------------------------------------------------------------------------------
  public static final ConfigKey<String> REPORT_SCHEDULE = key("Reports", "chatlens.report.schedule",
      ValueType.reportSchedule(), "off",
      "Writes the offline report of the period just ended (the last hour, day or week, UTC; a week starts on Monday; "
          + "with every DURATION, the last DURATION, periods counted from the epoch so that 15m ends at :00, :15, :30 "
          + "and :45) to the reports/ subdirectory of chatlens.log.dir, as HTML and JSON, on an agent thread, a few "
          + "seconds after the start of each period; off writes none. The same report as java -jar chatlens-agent.jar "
          + "report LOG_DIR --since 1h|1d|7d.");
  public static final ConfigKey<Boolean> REPORT_NOTIFY = key("Reports", "chatlens.report.notify", ValueType.bool(),
      "false", "Also send a short summary of each scheduled report (turns, error rate, p50/p95, new error groups, alerts, "
          + "the checks that are not green, the report's path) through the alert channels that are configured: the "
          + "webhook (chatlens.alerts.webhook.url) and e-mail (chatlens.alerts.smtp.host).");

  // --- Self-protection (circuit breaker) --------------------------------------------------------------
  public static final ConfigKey<Boolean> BREAKER_ENABLED = key("Self-protection", "chatlens.breaker.enabled",
      ValueType.bool(), "true", "Shed the agent's own load when the JVM is under GC pressure or the agent's queues "
          + "fill up: step 1 drops DEBUG and INFO events, step 2 also cuts span attributes to the essentials, step 3 "
          + "also records spans only for turns and failures. Metrics and error counts stay exact at every step.");
  public static final ConfigKey<Duration> BREAKER_CHECK_INTERVAL = key("Self-protection", "chatlens.breaker.check-interval",
      ValueType.positiveDuration(), "1s", "How often heap after GC, GC time and queue fill are sampled (at least 100ms).");
  public static final ConfigKey<Duration> BREAKER_STRESS_DURATION = key("Self-protection",
      "chatlens.breaker.stress-duration", ValueType.positiveDuration(), "10s",
      "How long stress must hold (in every sample) before the breaker sheds one more step.");
  public static final ConfigKey<Duration> BREAKER_RELIEF_DURATION = key("Self-protection",
      "chatlens.breaker.relief-duration", ValueType.positiveDuration(), "30s",
      "How long relief must hold (in every sample) before the breaker steps back down one level.");
  public static final ConfigKey<Double> BREAKER_HEAP_STRESS = key("Self-protection", "chatlens.breaker.heap-after-gc.stress",
      ValueType.decimal(1, 100), "90", "Stress: the old generation is at least this full (percent of its maximum) "
          + "right after a garbage collection.");
  public static final ConfigKey<Double> BREAKER_HEAP_RELIEF = key("Self-protection", "chatlens.breaker.heap-after-gc.relief",
      ValueType.decimal(0, 99), "75", "Relief: heap after GC at most this (percent); lower than the stress threshold.");
  public static final ConfigKey<Double> BREAKER_GC_TIME_STRESS = key("Self-protection", "chatlens.breaker.gc-time.stress",
      ValueType.decimal(1, 100), "25", "Stress: at least this share of wall-clock time (percent) spent in "
          + "stop-the-world collections between two samples.");
  public static final ConfigKey<Double> BREAKER_GC_TIME_RELIEF = key("Self-protection", "chatlens.breaker.gc-time.relief",
      ValueType.decimal(0, 99), "10", "Relief: GC time at most this (percent); lower than the stress threshold.");
  public static final ConfigKey<Double> BREAKER_QUEUE_STRESS = key("Self-protection", "chatlens.breaker.queue-fill.stress",
      ValueType.decimal(1, 100), "90", "Stress: the fullest of the agent's queues (span export, log record export, "
          + "structured log events) is at least this full (percent).");
  public static final ConfigKey<Double> BREAKER_QUEUE_RELIEF = key("Self-protection", "chatlens.breaker.queue-fill.relief",
      ValueType.decimal(0, 99), "50", "Relief: the fullest queue at most this full (percent); lower than the stress threshold.");
  public static final ConfigKey<Integer> BREAKER_MAX_LEVEL = key("Self-protection", "chatlens.breaker.max-level",
      ValueType.integer(1, 3), "3", "The furthest the breaker goes: 1 (events only), 2 (and span attributes) or 3 (and spans).");

  /** Each relief threshold with its stress threshold: relief must be lower, or the breaker could not recover. */
  static final List<List<ConfigKey<Double>>> BREAKER_PAIRS = List.of(
      List.of(BREAKER_HEAP_STRESS, BREAKER_HEAP_RELIEF), List.of(BREAKER_GC_TIME_STRESS, BREAKER_GC_TIME_RELIEF),
      List.of(BREAKER_QUEUE_STRESS, BREAKER_QUEUE_RELIEF));

  private ConfigKeys() {}

  /** Every key, in documentation order. */
  public static List<ConfigKey<?>> all() {
    return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
  }

  /** The key with this exact name, or {@code null}. */
  public static ConfigKey<?> byName(String name) {
    ConfigKey<?> key = ALL.get(name);
    if (key == null) {
      String normalized = ConfigNames.normalize(name);
      for (ConfigKey<?> candidate : ALL.values()) {
        if (ConfigNames.normalize(candidate.name()).equals(normalized)) {
          return candidate;
        }
      }
    }
    return key;
  }

  static <T> ConfigKey<T> key(String section, String name, ValueType<T> type, String defaultValue, String description) {
    return register(new ConfigKey<>(section, name, type, defaultValue, description, false));
  }

  static <T> ConfigKey<T> secret(String section, String name, ValueType<T> type, String defaultValue, String description) {
    return register(new ConfigKey<>(section, name, type, defaultValue, description, true));
  }

  private static ConfigKey<Accessor> accessor(String name, String description) {
    return key("Semantics", name, ValueType.accessor(), "", description);
  }

  private static Map<Component, ConfigKey<List<MethodPattern>>> patternKeys() {
    Map<Component, ConfigKey<List<MethodPattern>>> keys = new java.util.LinkedHashMap<>();
    for (ComponentUnit unit : ComponentUnits.ALL) {
      if (unit.selectedByPatterns()) {
        keys.put(unit.component(), pattern(unit.component().key(), unit.patternsDescription()));
      }
    }
    return keys;
  }

  /** {@code chatlens.instrument.<component>}, or {@code null} for a component not selected by patterns. */
  public static ConfigKey<List<MethodPattern>> patterns(Component component) {
    return PATTERNS.get(component);
  }

  private static ConfigKey<List<MethodPattern>> pattern(String component, String description) {
    return key("Instrumentation", "chatlens.instrument." + component, ValueType.methodPatterns(), "", description);
  }

  private static Map<io.chatlens.instrumentation.core.UnitKey<?>, ConfigKey<?>> unitKeys() {
    Map<io.chatlens.instrumentation.core.UnitKey<?>, ConfigKey<?>> keys = new java.util.LinkedHashMap<>();
    for (ComponentUnit unit : ComponentUnits.ALL) {
      for (io.chatlens.instrumentation.core.UnitKey<?> declared : unit.keys()) {
        keys.put(declared, key(declared.section(), declared.name(), ValueType.of(declared.allowed(), declared::parse),
            declared.defaultValue(), declared.description()));
      }
    }
    return keys;
  }

  /** The agent's key for a key a component unit declared. */
  public static ConfigKey<?> of(io.chatlens.instrumentation.core.UnitKey<?> declared) {
    ConfigKey<?> key = UNIT_KEYS.get(declared);
    if (key == null) {
      throw new IllegalArgumentException("not a key of a unit in ComponentUnits.ALL: " + declared.name());
    }
    return key;
  }

  private static <T> ConfigKey<T> register(ConfigKey<T> key) {
    if (ALL.put(key.name(), key) != null) {
      throw new IllegalStateException("duplicate key " + key.name());
    }
    return key;
  }
}
