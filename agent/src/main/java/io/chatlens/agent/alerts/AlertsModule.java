package io.chatlens.agent.alerts;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.config.ConfigProblem;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.EventSink;
import io.opentelemetry.api.metrics.Meter;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's alerting, wired from its configuration: the rules ({@link AlertRuleFiles}), the signal
 * history fed by an {@link AlertMetricReader}, the derived KPI gauges, the {@link AlertEngine} and the
 * notification channels (log, webhook, e-mail). Starting never throws: a problem is reported and
 * alerting stays off, the application is unaffected.
 */
public final class AlertsModule {

  private static final AlertsModule DISABLED = new AlertsModule(null, null, null, Duration.ZERO);

  private final AlertEngine engine;
  private final NotificationDispatcher dispatcher;
  private final KpiGauges kpis;
  private final Duration notifyTimeout;

  private AlertsModule(AlertEngine engine, NotificationDispatcher dispatcher, KpiGauges kpis, Duration notifyTimeout) {
    this.engine = engine;
    this.dispatcher = dispatcher;
    this.kpis = kpis;
    this.notifyTimeout = notifyTimeout;
  }

  /**
   * Reads the rules, registers the KPI gauges and starts evaluating (the first collection is taken
   * before this returns).
   *
   * @param sink the structured log, where notifications are written as audit events
   * @param meter where the KPI gauges and {@code chatlens.alerts.notifications} are registered
   * @param reader the metric reader registered on the agent's meter provider
   */
  public static AlertsModule start(AgentConfig config, Redactor redactor, EventSink sink, Meter meter,
      AlertMetricReader reader) {
    if (!config.get(ConfigKeys.ALERTS_ENABLED)) {
      return DISABLED;
    }
    try {
      AlertRuleSet rules = AlertRuleFiles.forAgent(config);
      report(rules.problems());
      Duration retention = KpiGauges.WINDOW;
      for (AlertRule rule : rules.inProcessRules()) {
        retention = rule.window().compareTo(retention) > 0 ? rule.window() : retention;
      }
      Signals signals = new Signals(retention);
      KpiGauges kpis = KpiGauges.register(meter, signals);
      Duration timeout = config.get(ConfigKeys.ALERTS_NOTIFY_TIMEOUT);
      NotificationDispatcher dispatcher = new NotificationDispatcher(config.serviceName(), redactor, meter,
          new LogChannel(sink), remoteChannels(config, timeout));
      AlertEngine engine = new AlertEngine(rules.inProcessRules(), signals, reader::collect, Clock.systemUTC(),
          config.get(ConfigKeys.ALERTS_INTERVAL), config.get(ConfigKeys.ALERTS_REPEAT_INTERVAL), dispatcher);
      engine.start();
      Diagnostics.debug("alerts: " + rules.inProcessRules().size() + " rules from " + rules.source() + ", every "
          + PromDuration.format(config.get(ConfigKeys.ALERTS_INTERVAL)));
      return new AlertsModule(engine, dispatcher, kpis, timeout);
    } catch (RuntimeException | LinkageError failure) {
      Diagnostics.error("alerting is off: " + failure);
      return DISABLED;
    }
  }

  /** The webhook and e-mail channels the configuration asks for. */
  static List<NotificationChannel> remoteChannels(AgentConfig config, Duration timeout) {
    List<NotificationChannel> channels = new ArrayList<>();
    String url = config.get(ConfigKeys.ALERTS_WEBHOOK_URL);
    if (url != null && !url.isBlank()) {
      WebhookChannel.Format format = "slack".equals(config.get(ConfigKeys.ALERTS_WEBHOOK_FORMAT))
          ? WebhookChannel.Format.SLACK : WebhookChannel.Format.JSON;
      channels.add(new WebhookChannel(URI.create(url), format, timeout));
    }
    String host = config.get(ConfigKeys.ALERTS_SMTP_HOST);
    List<String> to = config.get(ConfigKeys.ALERTS_EMAIL_TO);
    if (host != null && !host.isBlank()) {
      if (to == null || to.isEmpty()) {
        Diagnostics.warn(ConfigKeys.ALERTS_SMTP_HOST.name() + " is set but " + ConfigKeys.ALERTS_EMAIL_TO.name()
            + " is empty: no alert e-mail will be sent");
      } else {
        String from = config.get(ConfigKeys.ALERTS_EMAIL_FROM);
        String localHost = localHostName();
        SmtpClient smtp = new SmtpClient(host.strip(), config.get(ConfigKeys.ALERTS_SMTP_PORT), timeout,
            config.get(ConfigKeys.ALERTS_EMAIL_USERNAME), config.get(ConfigKeys.ALERTS_EMAIL_PASSWORD), localHost);
        channels.add(new EmailChannel(smtp, from == null || from.isBlank() ? "chatlens@" + localHost : from.strip(), to));
      }
    }
    return channels;
  }

  /** Pending and firing alerts, for the health endpoint; empty when alerting is off. */
  public List<AlertStatus> activeAlerts() {
    return engine == null ? List.of() : engine.activeAlerts();
  }

  /** Every in-process rule's state; empty when alerting is off. */
  public List<AlertStatus> statuses() {
    return engine == null ? List.of() : engine.statuses();
  }

  public boolean enabled() {
    return engine != null;
  }

  /**
   * Evaluates one last time, then delivers the notifications still queued, waiting at most
   * {@code chatlens.alerts.notify-timeout}.
   */
  public void stop() {
    if (engine == null) {
      return;
    }
    try {
      engine.stop();
      dispatcher.close(notifyTimeout);
      kpis.close();
    } catch (RuntimeException ignored) {
      // stopping must never fail the JVM's shutdown
    }
  }

  private static void report(List<ConfigProblem> problems) {
    for (ConfigProblem problem : problems) {
      if (problem.isError()) {
        Diagnostics.error(problem.render().substring("ERROR ".length()));
      } else {
        Diagnostics.warn(problem.render().substring("WARN ".length()));
      }
    }
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception unknown) {
      return "localhost";
    }
  }
}
