package io.chatlens.agent.cli;

import io.chatlens.agent.alerts.AlertMessage;
import io.chatlens.agent.alerts.AlertNotification;
import io.chatlens.agent.alerts.AlertRule;
import io.chatlens.agent.alerts.AlertState;
import io.chatlens.agent.alerts.AlertsModule;
import io.chatlens.agent.alerts.Comparison;
import io.chatlens.agent.alerts.NotificationChannel;
import io.chatlens.agent.alerts.Severity;
import io.chatlens.agent.alerts.Signal;
import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.agent.logging.EcsJsonLayout;
import io.chatlens.agent.logging.SeedTextLayout;
import io.chatlens.agent.redaction.Redaction;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.EventSink;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code alerts test [agent.properties]}: sends one clearly marked test notification through every channel the
 * configuration names (the structured log, the webhook or Slack, e-mail), prints for each whether it was delivered
 * and what the other end answered, and exits 1 when any channel failed. The seed: "Test Alerting: regularly verify
 * alert delivery".
 */
final class AlertsCommand {

  static final String TEST_ALERT = "ChatLensTestNotification";

  private AlertsCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || args.length > 2 || !args[0].equals("test")) {
      err.println("usage: java -jar chatlens-agent.jar alerts test [agent.properties]");
      return 2;
    }
    AgentConfig config = ConfigLoader.load(args.length == 2 ? "config=" + args[1] : null);
    Redactor redactor = Redaction.from(config);
    AlertMessage message = AlertMessage.of(testNotification(), config.serviceName(), redactor);

    List<NotificationChannel> channels = new ArrayList<>();
    channels.add(new FileLogChannel(config));
    List<NotificationChannel> remote = AlertsModule.notificationChannels(config);
    channels.addAll(remote);
    out.println("Sending a test notification (" + TEST_ALERT + ", service " + config.serviceName() + ") through "
        + channels.size() + " channel" + (channels.size() == 1 ? "" : "s") + ":");
    int failed = 0;
    for (NotificationChannel channel : channels) {
      try {
        out.println("  " + channel.name() + ": delivered (" + channel.deliverWithReceipt(message) + ")");
      } catch (Exception | LinkageError failure) {
        failed++;
        out.println("  " + channel.name() + ": FAILED (" + describe(failure) + ")");
      }
    }
    if (remote.isEmpty()) {
      out.println("No webhook or e-mail channel is configured (" + ConfigKeys.ALERTS_WEBHOOK_URL.name() + ", "
          + ConfigKeys.ALERTS_SMTP_HOST.name() + " with " + ConfigKeys.ALERTS_EMAIL_TO.name()
          + "): alerts only reach the log.");
    }
    out.println(failed == 0 ? "All channels delivered." : failed + " of " + channels.size() + " channels failed.");
    return failed == 0 ? 0 : 1;
  }

  /** A warning that says it is a test, with no signal value. */
  static AlertNotification testNotification() {
    AlertRule rule = new AlertRule(TEST_ALERT, Severity.WARNING, Signal.REQUEST_RATE, null, Duration.ofMinutes(5),
        Comparison.ABOVE, 0, Duration.ZERO, "Test notification from ChatLens: alert delivery works, no action needed",
        "Sent by java -jar chatlens-agent.jar alerts test to check that alert notifications reach this channel. "
            + "It is not an alert.", Map.of("test", "true"), Map.of(), false, "docs/runbooks/README.md");
    Instant now = Instant.now();
    return new AlertNotification(rule, AlertState.FIRING, Double.NaN, now, now, false);
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 3; depth++, current = current.getCause()) {
      if (depth > 0) {
        text.append(": ");
      }
      text.append(current.getClass().getSimpleName());
      if (current.getMessage() != null && !current.getMessage().isBlank()) {
        text.append(' ').append(current.getMessage().replaceAll("\\s+", " ").strip());
      }
    }
    return text.toString();
  }

  /**
   * The log channel from the command line: the notification, formatted as the agent writes it
   * ({@code chatlens.log.format}), appended to {@code chatbot.log} in {@code chatlens.log.dir}, which must already
   * exist (run the command from the chatbot's working directory, or give an absolute log directory).
   */
  private static final class FileLogChannel implements NotificationChannel {
    private final Path file;
    private final boolean json;
    private final String service;

    FileLogChannel(AgentConfig config) {
      this.file = Path.of(config.get(ConfigKeys.LOG_DIR)).resolve("chatbot.log");
      this.json = "json".equals(config.get(ConfigKeys.LOG_FORMAT));
      this.service = config.serviceName();
    }

    @Override
    public String name() {
      return "log";
    }

    @Override
    public void deliver(AlertMessage message) throws Exception {
      deliverWithReceipt(message);
    }

    @Override
    public String deliverWithReceipt(AlertMessage message) throws Exception {
      Path directory = file.toAbsolutePath().getParent();
      if (!Files.isDirectory(directory)) {
        throw new java.io.FileNotFoundException("the log directory " + directory + " does not exist ("
            + ConfigKeys.LOG_DIR.name() + " is relative to the chatbot's working directory: run this command there)");
      }
      List<ChatEvent> written = new ArrayList<>();
      EventSink sink = new EventSink() {
        @Override
        public void accept(ChatEvent event) {
          written.add(event);
        }

        @Override
        public boolean isEnabled(ChatEvent.Level level) {
          return true;
        }
      };
      io.chatlens.agent.alerts.AlertsModule.logChannel(sink).deliver(message);
      StringBuilder lines = new StringBuilder();
      EcsJsonLayout ecs = new EcsJsonLayout(service);
      for (ChatEvent event : written) {
        String line = json ? ecs.format(event) : SeedTextLayout.format(event);
        lines.append(line).append(line.endsWith("\n") ? "" : "\n");
      }
      Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
      return "appended to " + file.toAbsolutePath().normalize();
    }
  }
}
