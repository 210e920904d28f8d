package io.chatlens.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.chatlens.agent.alerts.AlertsModule;
import io.chatlens.agent.alerts.NotificationChannel;
import jakarta.mail.internet.MimeMessage;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.agent.logging.LogLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ScheduledReportsTest {

  @TempDir
  Path dir;

  @RegisterExtension
  static WireMockExtension webhook = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private AgentConfig config(String... keysAndValues) {
    Properties properties = new Properties();
    properties.setProperty("chatlens.log.dir", dir.toString());
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return ConfigLoader.load(null, Map.of(), properties, dir);
  }

  @Test
  void theScheduleKeyIsOffByDefaultAndTakesOnlyItsValues() {
    assertThat(config().get(ConfigKeys.REPORT_SCHEDULE)).isEqualTo("off");
    assertThat(config("chatlens.report.schedule", "weekly").get(ConfigKeys.REPORT_SCHEDULE)).isEqualTo("weekly");
    AgentConfig invalid = config("chatlens.report.schedule", "monthly");
    assertThat(invalid.get(ConfigKeys.REPORT_SCHEDULE)).isEqualTo("off");
    assertThat(invalid.problems()).isNotEmpty();
    assertThat(invalid.problems()).anySatisfy(p -> assertThat(p.render()).contains("chatlens.report.schedule")
        .contains("off, hourly, daily, weekly"));
    assertThat(ScheduledReports.start(config())).isNull();
  }

  @Test
  void periodsEndAtFullHoursMidnightAndMondays() {
    Instant now = Instant.parse("2026-12-05T08:12:34Z"); // a Saturday
    assertThat(ScheduledReports.nextBoundary("hourly", now)).isEqualTo(Instant.parse("2026-12-05T09:00:00Z"));
    assertThat(ScheduledReports.nextBoundary("daily", now)).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
    assertThat(ScheduledReports.nextBoundary("weekly", now)).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(ScheduledReports.nextBoundary("hourly", Instant.parse("2026-12-05T09:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
  }

  @Test
  void everyDurationIsAnIntervalCountedFromTheEpochOfAtLeastTenSeconds() {
    assertThat(config("chatlens.report.schedule", " Every 15m ").get(ConfigKeys.REPORT_SCHEDULE)).isEqualTo("every 15m");
    assertThat(config("chatlens.report.schedule", "every 10s").problems()).isEmpty();
    for (String invalid : List.of("every 5s", "every", "every 8d", "every 15 minutes", "15m")) {
      AgentConfig config = config("chatlens.report.schedule", invalid);
      assertThat(config.get(ConfigKeys.REPORT_SCHEDULE)).as(invalid).isEqualTo("off");
      assertThat(config.problems()).as(invalid).anySatisfy(p -> assertThat(p.render())
          .contains("chatlens.report.schedule").contains("every followed by a duration from 10s to 7d"));
    }
    Instant now = Instant.parse("2026-12-05T08:12:34.500Z");
    assertThat(ScheduledReports.period("every 15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(ScheduledReports.nextBoundary("every 15m", now)).isEqualTo(Instant.parse("2026-12-05T08:15:00Z"));
    assertThat(ScheduledReports.nextBoundary("every 30s", now)).isEqualTo(Instant.parse("2026-12-05T08:13:00Z"));
    assertThat(ScheduledReports.nextBoundary("every 30s", Instant.parse("2026-12-05T08:13:00Z")))
        .isEqualTo(Instant.parse("2026-12-05T08:13:30Z"));
    assertThat(ScheduledReports.baseName("every 15m", Instant.parse("2026-12-05T08:00:00Z")))
        .isEqualTo("chatlens-report-every-15m-2026-12-05T080000Z");
    assertThat(ScheduledReports.baseName("hourly", Instant.parse("2026-12-05T08:00:00Z")))
        .isEqualTo("chatlens-report-hourly-2026-12-05T08Z");
  }

  @Test
  void anIntervalScheduleWritesTheReportOfItsPeriodJustEnded() throws IOException {
    GeneratedLogs logs = GeneratedLogs.twoDays(100);
    logs.write(dir, false);
    LogLayout layout = LogLayout.from(config());
    // day 2's turns are one every 30 s from 08:00:30; the 15 minutes ending at 08:15 hold 29 of them
    Instant end = GeneratedLogs.DAY2.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(15));
    Clock clock = Clock.fixed(end.minusMillis(200), ZoneOffset.UTC);

    try (ScheduledReports reports = ScheduledReports.start("every 15m", layout, clock, 0, "chatbot", List.of())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> reports.written() == 1);
    }

    Path json = dir.resolve("reports/chatlens-report-every-15m-2026-12-01T080000Z.json");
    assertThat(json).exists();
    assertThat(dir.resolve("reports/chatlens-report-every-15m-2026-12-01T080000Z.html")).exists();
    assertThat(Files.readString(json)).contains("\"turns\":29,");
  }

  @Test
  void writesTheReportOfTheDayJustEndedIntoReportsWithTheLogDirMode() throws IOException {
    GeneratedLogs logs = GeneratedLogs.twoDays(100);
    logs.write(dir, false);
    LogLayout layout = LogLayout.from(config("chatlens.log.dir-mode", "0700", "chatlens.log.file-mode", "0600"));
    // 200 ms before midnight at the end of day 2: the clock is fixed, the executor waits those 200 ms
    Clock clock = Clock.fixed(GeneratedLogs.DAY2.plus(Duration.ofDays(1)).minusMillis(200), ZoneOffset.UTC);

    try (ScheduledReports reports = ScheduledReports.start("daily", layout, clock, 0, "chatbot", List.of())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> reports.written() == 1);
    }

    Path reportsDir = dir.resolve("reports");
    List<Path> written;
    try (Stream<Path> list = Files.list(reportsDir)) {
      written = list.sorted().toList();
    }
    assertThat(written).extracting(p -> p.getFileName().toString())
        .containsExactly("chatlens-report-daily-2026-12-01T00Z.html", "chatlens-report-daily-2026-12-01T00Z.json");
    String json = Files.readString(written.get(1));
    assertThat(json).contains("\"turns\":" + logs.turns / 2 + ",").contains("\"previousTurns\":" + logs.turns / 2);
    assertThat(Files.readString(written.get(0))).startsWith("<!DOCTYPE html>");
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reportsDir))).isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.get(0)))).isEqualTo("rw-------");
    }
  }

  @Test
  void notifySendsASummaryThroughTheWebhookAndEmailChannels() throws Exception {
    webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    GeneratedLogs logs = GeneratedLogs.twoDays(100);
    logs.write(dir, true);
    AgentConfig config = config("chatlens.report.schedule", "daily", "chatlens.report.notify", "true",
        "chatlens.alerts.webhook.url", webhook.baseUrl() + "/hook", "chatlens.alerts.email.smtp-host", "127.0.0.1",
        "chatlens.alerts.email.smtp-port", Integer.toString(mail.getSmtp().getPort()), "chatlens.alerts.email.tls",
        "none", "chatlens.alerts.email.to", "ops@example.org", "otel.service.name", "helpdesk");
    assertThat(config.problems()).isEmpty();
    assertThat(config.get(ConfigKeys.REPORT_NOTIFY)).isTrue();
    List<NotificationChannel> channels = AlertsModule.notificationChannels(config);
    assertThat(channels).extracting(NotificationChannel::name).containsExactly("webhook", "email");
    Clock clock = Clock.fixed(GeneratedLogs.DAY2.plus(Duration.ofDays(1)).minusMillis(100), ZoneOffset.UTC);

    try (ScheduledReports reports = ScheduledReports.start("daily", LogLayout.from(config), clock, 0, "helpdesk",
        channels)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> reports.notified() == 2);
    }

    List<LoggedRequest> posts = webhook.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).getBodyAsString()).startsWith("{\"type\":\"report\"")
        .contains("\"subject\":\"daily report of helpdesk, 2026-12-01T00Z to 2026-12-02T00Z: " + logs.turns / 2 + " turns")
        .contains("\"turns\":\"" + logs.turns / 2 + "\"").contains("chatlens-report-daily-2026-12-01T00Z.html")
        .doesNotContain("user-");
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).startsWith("[chatlens] daily report of helpdesk");
    assertThat(received[0].getHeader("X-ChatLens-Notice")).containsExactly("report");
    assertThat(received[0].getContent()).as("the summary and the report attached")
        .isInstanceOf(jakarta.mail.Multipart.class);
    jakarta.mail.Multipart parts = (jakarta.mail.Multipart) received[0].getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(GreenMailUtil.getBody(parts.getBodyPart(0))).contains("Turns: " + logs.turns / 2 + " (failed "
        + logs.turnErrors / 2).contains("Check alerts: amber").contains("Report: ");
    jakarta.mail.BodyPart report = parts.getBodyPart(1);
    assertThat(report.getFileName()).isEqualTo("chatlens-report-daily-2026-12-01T00Z.html");
    assertThat(report.getContentType()).startsWith("text/html");
    String attached = new String(report.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(attached).startsWith("<!DOCTYPE html>").contains("ChatLens report").doesNotContain("user-");
  }
}
