package io.chatlens.agent;

import io.chatlens.agent.alerts.AlertMetricReader;
import io.chatlens.agent.alerts.AlertRuleFiles;
import io.chatlens.agent.alerts.AlertRuleSet;
import io.chatlens.agent.alerts.SeedLogRetention;
import io.chatlens.agent.alerts.AlertsModule;
import io.chatlens.agent.breaker.BreakerSettings;
import io.chatlens.agent.breaker.CircuitBreaker;
import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.diagnostics.SdkLogBridge;
import io.chatlens.agent.endpoint.AgentHttpServer;
import io.chatlens.agent.endpoint.HealthReport;
import io.chatlens.agent.ui.LivePage;
import io.chatlens.agent.install.ScopePlan;
import io.chatlens.agent.telemetry.LogExport;
import io.chatlens.agent.telemetry.SelfMetrics;
import io.chatlens.agent.sentry.SentryExport;
import io.chatlens.agent.endpoint.ErrorGroupsView;
import io.chatlens.instrumentation.errors.ErrorGroups;
import io.chatlens.instrumentation.errors.ErrorRecorder;
import io.chatlens.instrumentation.errors.ErrorSink;
import io.chatlens.instrumentation.core.ChatLensDispatcher;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.runtime.RuntimeMetrics;
import io.opentelemetry.api.metrics.Meter;
import java.nio.file.Path;
import io.chatlens.agent.logging.AgentLogging;
import io.chatlens.agent.logging.ConfigurationAudit;
import io.chatlens.agent.redaction.Redaction;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.agent.telemetry.BackendProbe;
import io.chatlens.agent.telemetry.Telemetry;
import io.chatlens.bootstrap.ChatLensBridge;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.ProbeRegistry;
import io.chatlens.instrumentation.core.EventSink;
import io.chatlens.instrumentation.core.Settings;
import io.chatlens.agent.install.SemanticsFactory;
import io.chatlens.instrumentation.weaving.Exclusions;
import io.chatlens.instrumentation.matching.ComponentScope;
import io.chatlens.instrumentation.weaving.Weaver;
import io.chatlens.instrumentation.weaving.WeavingScope;
import io.chatlens.instrumentation.weaving.WeavingListener;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything the running agent owns. {@link #start} returns at once: the prefilter transformer is
 * registered synchronously, while Byte Buddy and the OpenTelemetry SDK are built on two background
 * threads in parallel. A class that must be woven before they are ready waits for them, at most
 * {@code chatlens.init.timeout}.
 */
final class AgentRuntime {

  private final AgentConfig config;
  private final ScopePlan plan;
  private final Instrumentation instrumentation;
  private final boolean attached;
  private final ProbeRegistry registry = new ProbeRegistry();
  private Weaver weaver;
  private volatile Telemetry telemetry;
  private volatile AgentLogging logging;
  private final Redactor redactor;
  private volatile RuntimeMetrics runtimeMetrics;
  private volatile AgentHttpServer endpoint;
  private volatile SentryExport sentry;
  private volatile ErrorGroups errorGroups;
  private final AlertMetricReader alertReader = new AlertMetricReader();
  private volatile AlertsModule alerts;
  private volatile io.chatlens.agent.report.ScheduledReports reports;
  private volatile CircuitBreaker breaker;
  private volatile LivePage livePage;

  AgentRuntime(AgentConfig config, ScopePlan plan, Instrumentation instrumentation, boolean attached) {
    this.config = config;
    this.plan = plan;
    this.instrumentation = instrumentation;
    this.attached = attached;
    this.redactor = Redaction.from(config);
  }

  void start() {
    long timeoutMillis = config.get(ConfigKeys.INIT_TIMEOUT).toMillis();
    weaver = Weaver.install(instrumentation, plan.scopes(), new Exclusions(config.get(ConfigKeys.EXCLUDE)),
        registry, timeoutMillis, new WeavingReporter());
    daemon("chatlens-init", this::initialize).start();
  }

  /**
   * Whether every span reaches the trace exporter: only then does a span already carry what its INFO events say
   * (with a ratio sampler, or no trace exporter, those events are exported as log records after all).
   */
  private boolean everySpanExported() {
    String exporters = config.otel("otel.traces.exporter");
    String sampler = config.otel("otel.traces.sampler");
    return (exporters == null || !exporters.trim().equals("none"))
        && (sampler == null || sampler.equals("always_on") || sampler.equals("parentbased_always_on"));
  }

  private static long sinceMillis(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  private void initialize() {
    long started = System.nanoTime();
    if (config.get(ConfigKeys.JIT_LIGHT_BACKGROUND)) {
      JitHints.apply(instrumentation);
    }
    try {
      CompletableFuture<Telemetry> telemetryReady = new CompletableFuture<>();
      daemon("chatlens-init-telemetry", () -> {
        try {
          SdkLogBridge.install(Diagnostics.isDebug());
          AlertRuleSet alertRules = readAlertRules();
          startLogging(alertRules == null ? null : alertRules.logRetention());
          Diagnostics.debug("init: logging after " + sinceMillis(started) + " ms");
          Telemetry built = Telemetry.start(config, redactor, alertReader);
          Diagnostics.debug("init: OpenTelemetry SDK after " + sinceMillis(started) + " ms");
          startAlerts(built, alertRules);
          Diagnostics.debug("init: alerts after " + sinceMillis(started) + " ms");
          telemetryReady.complete(built);
        } catch (Throwable failure) {
          telemetryReady.completeExceptionally(failure);
        }
      }).start();
      weaver.prepare();
      Diagnostics.debug("init: Byte Buddy after " + sinceMillis(started) + " ms");
      telemetry = telemetryReady.get(config.get(ConfigKeys.INIT_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
      // Before any instrumented call can record anything: whatever is recorded gets flushed at exit.
      Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "chatlens-shutdown"));
      Settings settings = SemanticsFactory.settings(config, redactor::redact, redactor::userId);
      settings.queryHasher = redactor::queryHash;
      EventSink sink = logging == null ? EventSink.NONE : logging.queue();
      try {
        sentry = SentryExport.start(config, redactor, telemetry.resource());
      } catch (RuntimeException | LinkageError failure) {
        Diagnostics.error("Sentry export is off: " + failure);
      }
      errorGroups = ErrorGroups.withCapacity((Integer) config.get(ConfigKeys.of(io.chatlens.instrumentation.errors.ErrorsUnit.MAX_GROUPS)));
      ChatLensDispatcher dispatcher = SemanticsFactory.dispatcher(config, settings, telemetry.openTelemetry(), sink,
          registry, new ErrorRecorder.Destinations(errorGroups, sentry == null ? ErrorSink.NONE : sentry));
      ChatLensBridge.install(dispatcher);
      weaver.activate();
      Diagnostics.debug("init: weaving active after " + sinceMillis(started) + " ms");
      startHealthAndMetrics(dispatcher);
      AgentLogging currentLogging = logging;
      if (currentLogging != null) {
        currentLogging.forwardTo(new LogExport(telemetry.sdk().getSdkLoggerProvider(),
            config.get(ConfigKeys.LOG_EXPORT_SPAN_EVENTS) || !everySpanExported()));
      }
      scheduleUnmatchedPatternCheck();
      if (attached) {
        int woven = weaver.retransformLoaded();
        Diagnostics.debug("late attach: " + woven + " already-loaded classes woven");
      }
      Diagnostics.debug("ready in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    } catch (Throwable failure) {
      weaver.abandon();
      SentryExport startedSentry = sentry;
      if (startedSentry != null) {
        startedSentry.close(100);
      }
      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
      Diagnostics.error("the agent could not initialise and stays inactive; the application is unaffected: " + cause);
    }
  }

  /** Runtime metrics, self-metrics and the /metrics + /health endpoint. */
  private void startHealthAndMetrics(ChatLensDispatcher dispatcher) {
    Meter meter = telemetry.openTelemetry().getMeter(Instruments.SCOPE);
    AgentLogging currentLogging = logging;
    SelfMetrics.register(meter, telemetry.exporters(), currentLogging == null ? null : currentLogging.queue(),
        () -> dispatcher.faults() + (currentLogging == null ? 0 : currentLogging.writerFaults()));
    SelfMetrics.registerLabelOverflow(meter, redactor.labels());
    telemetry.registerRelayMetrics(meter);
    SentryExport currentSentry = sentry;
    if (currentSentry != null) {
      SelfMetrics.registerSentry(meter, currentSentry::counters);
    }
    CircuitBreaker currentBreaker = startBreaker(currentLogging);
    currentBreaker.registerMetrics(meter);
    if (config.get(ConfigKeys.RUNTIME_METRICS)) {
      try {
        runtimeMetrics = RuntimeMetrics.register(telemetry.openTelemetry(), meter, Path.of(config.get(ConfigKeys.LOG_DIR)));
        int woven = weaver.weaveJdkTypes(ChatLensBridge.class.getModule());
        Diagnostics.debug("runtime metrics on; JDK classes woven: " + woven);
      } catch (RuntimeException | LinkageError failure) {
        Diagnostics.warn("runtime metrics are off: " + failure);
      }
    }
    if (config.get(ConfigKeys.PROMETHEUS_ENABLED)) {
      HealthReport health = new HealthReport(telemetry.exporters(), telemetry.pullReader(), () -> {
        Map<String, Long> drops = new java.util.TreeMap<>();
        if (currentLogging != null) {
          drops.put("logEvents", currentLogging.queue().droppedLowPriority() + currentLogging.queue().droppedHighPriority());
        }
        return drops;
      }, this::activeAlerts);
      health.section("breaker", currentBreaker::healthJson);
      ErrorGroups groups = errorGroups;
      java.util.function.Supplier<String> errorsJson =
          () -> ErrorGroupsView.json(groups, sentry == null ? null : sentry.counters());
      Map<String, java.util.function.Supplier<String>> views = new java.util.LinkedHashMap<>();
      views.put("/errors", errorsJson);
      Map<String, AgentHttpServer.Asset> assets = Map.of();
      if (config.get(ConfigKeys.UI_ENABLED)) {
        try {
          assets = LivePage.assets();
          LivePage page = LivePage.start(new LivePage.Sources(telemetry.pullReader()::collect, telemetry.exporters(),
              telemetry.queues(), health::agentDrops, this::alertStatuses, errorsJson, currentBreaker::level,
              () -> currentBreaker.level() <= 0 ? "closed: nothing shed"
                  : "level " + currentBreaker.level() + ": " + io.chatlens.agent.breaker.BreakerStateMachine
                      .describeLevel(currentBreaker.level()), config.serviceName()),
              config.get(ConfigKeys.UI_JAEGER_URL), config.get(ConfigKeys.UI_SLOW_TURNS));
          livePage = page;
          telemetry.spanTap().listen(page::acceptSpans);
          views.putAll(page.jsonViews());
        } catch (RuntimeException | LinkageError failure) {
          assets = Map.of();
          Diagnostics.warn("the live page is off: " + failure);
        }
      }
      endpoint = AgentHttpServer.start(config.get(ConfigKeys.PROMETHEUS_HOST), config.get(ConfigKeys.PROMETHEUS_PORT),
          telemetry.pullReader(), telemetry.resource(), health, views, config.get(ConfigKeys.PROMETHEUS_AUTH_TOKEN),
          assets);
      AgentHttpServer started = endpoint;
      if (started != null) {
        SelfMetrics.registerEndpoint(meter, started::rejections);
      } else if (livePage != null) { // no endpoint (the port is taken): nobody can see the page
        telemetry.spanTap().listen(null);
        livePage.close();
        livePage = null;
      }
    }
  }

  /** The circuit breaker, watching the JVM and the span, log record and log event queues. */
  private CircuitBreaker startBreaker(AgentLogging currentLogging) {
    List<java.util.function.DoubleSupplier> queues = new java.util.ArrayList<>();
    for (io.chatlens.agent.telemetry.QueueFill queue : telemetry.queues()) {
      queues.add(queue::percent);
    }
    if (currentLogging != null) {
      queues.add(currentLogging.queue()::fillPercent);
    }
    CircuitBreaker started = CircuitBreaker.start(BreakerSettings.from(config), queues);
    breaker = started;
    return started;
  }

  /** After the grace period, each configured pattern that selected nothing gets one warning. */
  private void scheduleUnmatchedPatternCheck() {
    long graceMillis = config.get(ConfigKeys.GRACE_PERIOD).toMillis();
    daemon("chatlens-pattern-check", () -> {
      try {
        Thread.sleep(graceMillis);
      } catch (InterruptedException stop) {
        return;
      }
      for (WeavingScope scope : plan.scopes()) {
        if (scope instanceof ComponentScope component && !component.isConvention() && !component.hasMatched()) {
          Diagnostics.warn(component.name() + " matched no class (pattern " + component.pattern() + ", after "
              + config.get(ConfigKeys.GRACE_PERIOD).toSeconds() + "s); check the class and method names");
        }
      }
    }).start();
  }

  /**
   * The alert rules, read once before logging starts: the seed's {@code monitoring.retention.logs} in the alerts file
   * sets the main log file's retention. {@code null} when alerting is off, when there is no alerts file (the built-in
   * rules are then read after the SDK, off the start-up path) or when the file cannot be read at all (alerting then
   * reads and reports it itself).
   */
  private AlertRuleSet readAlertRules() {
    if (!config.get(ConfigKeys.ALERTS_ENABLED) || !AlertRuleFiles.hasFile(config)) {
      return null;
    }
    try {
      return AlertRuleFiles.forAgent(config);
    } catch (RuntimeException | LinkageError unreadable) {
      return null;
    }
  }

  private void startLogging(SeedLogRetention seedRetention) {
    java.time.Duration seedMain = null;
    if (seedRetention != null) {
      java.time.Duration explicit = config.get(ConfigKeys.LOG_RETENTION_MAIN);
      String days = seedRetention.period().toDays() + "d";
      if (explicit != null) {
        Diagnostics.warn(seedRetention.origin() + ": monitoring.retention.logs=" + days + " not applied: "
            + ConfigKeys.LOG_RETENTION_MAIN.name() + "=" + explicit.toDays() + "d in agent.properties wins");
      } else {
        seedMain = seedRetention.period();
        Diagnostics.info("log retention: rotated files of the main log are kept " + days + " ("
            + seedRetention.origin() + ": monitoring.retention.logs)");
      }
    }
    try {
      AgentLogging started = AgentLogging.start(config, redactor, seedMain);
      logging = started;
      Diagnostics.setSink((level, message) -> started.queue().accept(new ChatEvent(System.currentTimeMillis(),
          ChatEvent.Level.valueOf(level.equals("DEBUG") ? "DEBUG" : level), "chatlens_agent", "diagnostics",
          message, Map.of(), null, false)));
      for (ChatEvent event : ConfigurationAudit.startupEvents(config, AgentVersion.get(), attached,
          System.currentTimeMillis())) {
        started.queue().accept(event);
      }
      try {
        reports = io.chatlens.agent.report.ScheduledReports.start(config);
      } catch (RuntimeException | LinkageError failure) {
        Diagnostics.error("scheduled reports are off: " + failure);
      }
    } catch (RuntimeException failure) {
      Diagnostics.error("structured logging is off: " + failure);
    }
  }

  /**
   * Alerting starts right after telemetry and logging, in parallel with Byte Buddy's preparation and before
   * any instrumented call, so its first metric collection is a clean baseline.
   */
  private void startAlerts(Telemetry started, AlertRuleSet rules) {
    EventSink sink = logging == null ? EventSink.NONE : logging.queue();
    alerts = AlertsModule.start(config, redactor, sink, started.openTelemetry().getMeter("io.chatlens.alerts"),
        alertReader, rules);
  }

  private List<HealthReport.ActiveAlert> activeAlerts() {
    AlertsModule current = alerts;
    if (current == null) {
      return List.of();
    }
    List<HealthReport.ActiveAlert> active = new java.util.ArrayList<>();
    for (io.chatlens.agent.alerts.AlertStatus status : current.activeAlerts()) {
      active.add(new HealthReport.ActiveAlert(status.name(), status.severity().toString().toLowerCase(java.util.Locale.ROOT),
          status.state().toString().toLowerCase(java.util.Locale.ROOT),
          status.since() == null ? System.currentTimeMillis() : status.since().toEpochMilli(), status.value()));
    }
    return active;
  }

  /** Every in-process rule's state (the live page); empty when alerting is off or not started. */
  private List<io.chatlens.agent.alerts.AlertStatus> alertStatuses() {
    AlertsModule current = alerts;
    return current == null ? List.of() : current.statuses();
  }

  /**
   * Flushes and closes everything within {@code chatlens.shutdown.timeout}: the endpoint, the alert engine's
   * last evaluation and notifications, the log files, then the last export of spans, metrics and logs.
   */
  private void shutdown() {
    ShutdownSequence sequence = new ShutdownSequence(config.get(ConfigKeys.SHUTDOWN_TIMEOUT).toMillis());
    AgentHttpServer currentEndpoint = endpoint;
    if (currentEndpoint != null) {
      sequence.step("endpoint", currentEndpoint::close);
    }
    LivePage currentPage = livePage;
    if (currentPage != null) {
      sequence.step("ui", currentPage::close);
    }
    AlertsModule currentAlerts = alerts;
    if (currentAlerts != null) {
      sequence.step("alerts", currentAlerts::stop);
    }
    CircuitBreaker currentBreaker = breaker;
    if (currentBreaker != null) {
      sequence.step("breaker", currentBreaker::close);
    }
    io.chatlens.agent.report.ScheduledReports currentReports = reports;
    if (currentReports != null) {
      sequence.step("reports", currentReports::close);
    }
    SentryExport currentSentry = sentry;
    if (currentSentry != null) {
      sequence.step("sentry", () -> currentSentry.close(1_000), 1_000);
    }
    AgentLogging currentLogging = logging;
    if (currentLogging != null) {
      sequence.step("logs", currentLogging::close);
    }
    Telemetry current = telemetry;
    if (current != null) {
      // A backend that never accepted anything is probably down: its final flush would only retry with
      // backoff, so it gets a second at most, and nothing at all when no backend even accepts a TCP
      // connection; a working backend gets the rest of the budget.
      boolean everExported = current.exporters().values().stream().anyMatch(stats -> stats.lastSuccessMillis() > 0);
      AtomicBoolean reachable = new AtomicBoolean();
      if (!everExported) {
        sequence.step("probe", () -> reachable.set(BackendProbe.anyReachable(Banner.otlpEndpoints(config), 200)), 500);
      }
      long cap = everExported ? Long.MAX_VALUE : reachable.get() ? 1000 : 0;
      sequence.step("telemetry", () -> current.shutdown(1, TimeUnit.MINUTES), cap);
    }
  }


  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Reports weaving to the diagnostics. */
  private static final class WeavingReporter implements WeavingListener {
    @Override
    public void onWoven(String className, List<Probe> probes) {
      if (Diagnostics.isDebug()) {
        Diagnostics.debug("woven " + className + ": " + probes);
      }
    }

    @Override
    public void onError(String className, Throwable fault) {
      Diagnostics.warnRateLimited("weave-error", "could not instrument " + className + " (left unchanged): " + fault);
    }

    @Override
    public void onWarning(String message) {
      Diagnostics.warn(message);
    }
  }
}
