package io.chatlens.agent.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs each notification to a URL with the JDK's HTTP client: a JSON object ({@code json}) or a Slack
 * incoming-webhook message ({@code slack}, {@code {"text": ...}}). Any status other than 2xx is a failure.
 */
final class WebhookChannel implements NotificationChannel {

  /** The payload shape. */
  enum Format { JSON, SLACK }

  private final URI url;
  private final Format format;
  private final Duration timeout;
  private final HttpClient client;

  WebhookChannel(URI url, Format format, Duration timeout) {
    this.url = url;
    this.format = format;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public void deliver(AlertMessage message) throws IOException, InterruptedException {
    post(payload(message));
  }

  @Override
  public String deliverWithReceipt(AlertMessage message) throws IOException, InterruptedException {
    return "HTTP " + post(payload(message)) + " from " + url.getHost();
  }

  /** A notice: {@code {"type":..., "subject":..., "text":..., "service":..., "timestamp":..., "fields":{...}}}, or for
   * Slack one text field. */
  @Override
  public void deliver(Notice notice) throws IOException, InterruptedException {
    post(format == Format.SLACK
        ? new Json().field("text", ":bar_chart: *" + notice.subject() + "*\n" + notice.text()).end()
        : new Json().field("type", notice.kind()).field("subject", notice.subject()).field("text", notice.text())
            .field("service", notice.service()).field("timestamp", notice.at().toString())
            .field("fields", notice.fields()).end());
  }

  /** Posts the payload; returns the HTTP status, or throws when it is not 2xx. */
  private int post(String payload) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "ChatLens-alerts")
        .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
        .build();
    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode());
    }
    return response.statusCode();
  }

  /** The request body. */
  String payload(AlertMessage message) {
    return format == Format.SLACK ? slack(message) : json(message);
  }

  static String json(AlertMessage message) {
    return new Json()
        .field("status", message.status())
        .field("alert", message.alert())
        .field("severity", message.severity().label())
        .field("summary", message.summary())
        .field("description", message.description())
        .field("value", message.value())
        .field("threshold", message.threshold())
        .field("comparison", message.comparison().key())
        .field("signal", message.signal())
        .field("window", message.window())
        .field("service", message.service())
        .field("labels", message.labels())
        .field("since", message.since().toString())
        .field("timestamp", message.at().toString())
        .field("repeat", message.repeat())
        .field("runbook_url", message.runbookUrl())
        .end();
  }

  static String slack(AlertMessage message) {
    String icon = !message.firing() ? ":white_check_mark:"
        : message.severity() == Severity.CRITICAL ? ":rotating_light:" : ":warning:";
    StringBuilder text = new StringBuilder()
        .append(icon).append(" *").append(message.headline()).append("*\n");
    if (!message.description().isEmpty()) {
      text.append(message.description()).append('\n');
    }
    text.append("service ").append(message.service()).append(" | value ").append(message.valueText())
        .append(" | ").append(message.conditionText()).append(" | since ").append(message.since());
    if (!message.runbookUrl().isEmpty()) {
      text.append("\nRunbook: ").append(message.runbookUrl());
    }
    return new Json().field("text", text.toString()).end();
  }
}
