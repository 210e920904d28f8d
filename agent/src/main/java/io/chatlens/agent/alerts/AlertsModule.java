package io.chatlens.agent.alerts;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.config.ConfigProblem;
import io.chatlens.agent.config.ConfigValue;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.EventSink;
import io.opentelemetry.api.metrics.Meter;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

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
    return start(config, redactor, sink, meter, reader, null);
  }

  /**
   * As {@link #start(AgentConfig, Redactor, EventSink, Meter, AlertMetricReader)}, with the rules already read by
   * {@link AlertRuleFiles#forAgent(AgentConfig)} ({@code null}: read them here).
   */
  public static AlertsModule start(AgentConfig config, Redactor redactor, EventSink sink, Meter meter,
      AlertMetricReader reader, AlertRuleSet alreadyRead) {
    if (!config.get(ConfigKeys.ALERTS_ENABLED)) {
      return DISABLED;
    }
    try {
      AlertRuleSet rules = alreadyRead != null ? alreadyRead : AlertRuleFiles.forAgent(config);
      report(rules.problems());
      Duration retention = KpiGauges.WINDOW;
      for (AlertRule rule : rules.inProcessRules()) {
        retention = rule.window().compareTo(retention) > 0 ? rule.window() : retention;
      }
      Signals signals = new Signals(retention);
      KpiGauges kpis = KpiGauges.register(meter, signals);
      Duration timeout = config.get(ConfigKeys.ALERTS_NOTIFY_TIMEOUT);
      NotificationDispatcher dispatcher = new NotificationDispatcher(config.serviceName(), redactor, meter,
          new LogChannel(sink), remoteChannels(config, timeout, rules.channels()));
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

  /**
   * The webhook and e-mail channels the configuration asks for, each with {@code chatlens.alerts.notify-timeout}: for
   * notices that are not alerts (scheduled report summaries). Configuration problems are reported as at startup.
   */
  public static List<NotificationChannel> notificationChannels(AgentConfig config) {
    SeedChannels seed;
    try {
      seed = AlertRuleFiles.forAgent(config).channels();
    } catch (RuntimeException unreadable) {
      seed = SeedChannels.NONE;
    }
    return remoteChannels(config, config.get(ConfigKeys.ALERTS_NOTIFY_TIMEOUT), seed);
  }

  /** The log channel: every notification as an audit event of the structured log, written to this sink. */
  public static NotificationChannel logChannel(io.chatlens.instrumentation.core.EventSink sink) {
    return new LogChannel(sink);
  }

  /** The webhook and e-mail channels the configuration asks for. */
  static List<NotificationChannel> remoteChannels(AgentConfig config, Duration timeout) {
    return remoteChannels(config, timeout, SeedChannels.NONE);
  }

  /**
   * The webhook and e-mail channels the configuration asks for, completed by the seed's monitoring block of the
   * alerts file: its Slack webhook when agent.properties names no webhook, its recipients when agent.properties
   * names none; {@code enabled: false} turns that channel off.
   */
  static List<NotificationChannel> remoteChannels(AgentConfig config, Duration timeout, SeedChannels seed) {
    List<NotificationChannel> channels = new ArrayList<>();
    String url = config.get(ConfigKeys.ALERTS_WEBHOOK_URL);
    if (url != null && !url.isBlank()) {
      WebhookChannel.Format format = "slack".equals(config.get(ConfigKeys.ALERTS_WEBHOOK_FORMAT))
          ? WebhookChannel.Format.SLACK : WebhookChannel.Format.JSON;
      channels.add(new WebhookChannel(URI.create(url), format, timeout));
      if (seed.slack() != null) {
        Diagnostics.warn("the alerts file's monitoring.alerts.slack.webhook_url is not used: "
            + ConfigKeys.ALERTS_WEBHOOK_URL.name() + " is set");
      }
    } else if (seed.slack() != null) {
      channels.add(new WebhookChannel(URI.create(seed.slack()), WebhookChannel.Format.SLACK, timeout));
    }
    String host = config.get(ConfigKeys.ALERTS_SMTP_HOST);
    List<String> to = config.get(ConfigKeys.ALERTS_EMAIL_TO);
    if ((to == null || to.isEmpty()) && !seed.emailRecipients().isEmpty()) {
      to = seed.emailRecipients();
      if (host == null || host.isBlank()) {
        Diagnostics.warn("the alerts file's monitoring.alerts.email.recipients need an SMTP server: set "
            + ConfigKeys.ALERTS_SMTP_HOST.name() + " (and chatlens.alerts.email.from) in agent.properties; "
            + "no alert e-mail will be sent");
      }
    }
    if (seed.emailOff()) {
      host = null;
    }
    if (host != null && !host.isBlank()) {
      if (to == null || to.isEmpty()) {
        Diagnostics.warn(ConfigKeys.ALERTS_SMTP_HOST.name() + " is set but " + ConfigKeys.ALERTS_EMAIL_TO.name()
            + " is empty: no alert e-mail will be sent");
      } else {
        EmailChannel email = emailChannel(config, host.strip(), to, timeout);
        if (email != null) {
          channels.add(email);
        }
      }
    }
    return channels;
  }

  /** The e-mail channel, or {@code null} (reported) when its TLS settings cannot be honoured. */
  private static EmailChannel emailChannel(AgentConfig config, String host, List<String> to, Duration timeout) {
    EmailChannel.Security security = EmailChannel.Security.of(config.get(ConfigKeys.ALERTS_EMAIL_TLS));
    String username = config.get(ConfigKeys.ALERTS_EMAIL_USERNAME);
    String password = config.get(ConfigKeys.ALERTS_EMAIL_PASSWORD);
    boolean credentials = !username.isEmpty() || !password.isEmpty();
    if (security == EmailChannel.Security.NONE && credentials) {
      report(List.of(problem(config, ConfigKeys.ALERTS_EMAIL_TLS.name(), "none",
          "would send the SMTP credentials (" + ConfigKeys.ALERTS_EMAIL_USERNAME.name() + ") in clear: expected starttls "
              + "or implicit when a username or password is set, or none without credentials (a relay); "
              + "no alert e-mail will be sent")));
      return null;
    }
    SSLSocketFactory tls = null;
    String trustStore = config.get(ConfigKeys.ALERTS_EMAIL_TRUST_STORE);
    if (security != EmailChannel.Security.NONE && !trustStore.isBlank()) {
      try {
        tls = TlsSockets.trusting(Path.of(trustStore.strip()), config.get(ConfigKeys.ALERTS_EMAIL_TRUST_STORE_PASSWORD));
      } catch (Exception | LinkageError failure) {
        report(List.of(problem(config, ConfigKeys.ALERTS_EMAIL_TRUST_STORE.name(), trustStore,
            "cannot be read (" + EmailChannel.describe(failure) + "): expected a PEM or DER certificate file, or a "
                + "PKCS12 or JKS trust store with " + ConfigKeys.ALERTS_EMAIL_TRUST_STORE_PASSWORD.name()
                + "; no alert e-mail will be sent")));
        return null;
      }
    }
    String localHost = localHostName();
    String from = config.get(ConfigKeys.ALERTS_EMAIL_FROM);
    try {
      InternetAddress sender = from == null || from.isBlank() ? defaultSender(localHost) : new InternetAddress(from.strip(), true);
      List<InternetAddress> recipients = new ArrayList<>();
      for (String recipient : to) {
        recipients.add(new InternetAddress(recipient, true));
      }
      EmailChannel.Server server = new EmailChannel.Server(host, config.get(ConfigKeys.ALERTS_SMTP_PORT), security,
          username, password, timeout, localHost, tls);
      return new EmailChannel(server, sender, recipients);
    } catch (AddressException invalid) {
      // the configured addresses were checked when the configuration was read; only a strange host name is left
      Diagnostics.error("alert e-mail is off: invalid sender address (" + invalid.getMessage() + "); set "
          + ConfigKeys.ALERTS_EMAIL_FROM.name());
      return null;
    }
  }

  private static InternetAddress defaultSender(String localHost) throws AddressException {
    String address = "chatlens@" + localHost;
    return new InternetAddress(io.chatlens.agent.config.ValueType.isEmailAddress(address) ? address : "chatlens@localhost", true);
  }

  private static ConfigProblem problem(AgentConfig config, String key, String value, String message) {
    ConfigValue raw = config.rawValue(key);
    return new ConfigProblem(ConfigProblem.Severity.ERROR, raw == null ? "default" : raw.describeOrigin(), 0, key,
        value, message);
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
