package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.HeadlessChromium;
import io.chatlens.smoke.harness.Http;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Ports;
import io.chatlens.smoke.harness.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.junit.jupiter.api.Test;

/**
 * The live page of the demo chatbot, under load, in headless Chromium: no console error, every trend chart has
 * drawn data, the KPI tiles agree with {@code /metrics}, and error groups, slow turns (with their waterfall and a
 * Jaeger link), usage and health checks are listed. Screenshots go to {@code target/screenshots/}.
 */
class LivePageSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JAEGER = "http://127.0.0.1:16686";

  private static AgentJvm demoUnderLoad(int port) {
    List<Path> classpath = new ArrayList<>(List.of(Paths.demoClasses()));
    classpath.addAll(Paths.demoDependencies());
    return AgentJvm.main("com.example.chatbot.ChatbotApp").classpath(classpath)
        .args("--users", "6", "--turns", "1500", "--threads", "2", "--think-ms", "40", "--idle-timeout", "1s",
            "--quiet", "--seed", "11")
        .property("chatlens.prometheus.port", Integer.toString(port))
        .property("chatlens.ui.jaeger-url", JAEGER)
        .property("otel.service.name", "live-page");
  }

  /** The sum of every series of a metric in the Prometheus text. */
  private static double scrape(String metrics, String name) {
    double total = 0;
    for (String line : metrics.lines().toList()) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** The cumulative buckets of a histogram, all series added: upper bound → count. */
  private static TreeMap<Double, Double> buckets(String metrics, String name) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (String line : metrics.lines().toList()) {
      if (line.startsWith(name + "_bucket{")) {
        int le = line.indexOf("le=\"") + 4;
        String bound = line.substring(le, line.indexOf('"', le));
        buckets.merge(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound),
            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
      }
    }
    return buckets;
  }

  /** The bounds (in ms) of the bucket that holds the 95th percentile. */
  private static double[] p95Bucket(String metrics) {
    TreeMap<Double, Double> buckets = buckets(metrics, "chatbot_response_time_seconds");
    double total = buckets.lastEntry().getValue();
    double lower = 0;
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      if (bucket.getValue() >= 0.95 * total) {
        return new double[] {lower * 1000, bucket.getKey() * 1000};
      }
      lower = bucket.getKey();
    }
    throw new AssertionError("no bucket");
  }

  private static String metrics(int port) {
    Http.Response response = Http.get("http://127.0.0.1:" + port + "/metrics");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static int refreshes(ChromeDriver driver) {
    return Integer.parseInt(driver.findElement(By.tagName("body")).getDomAttribute("data-refreshes"));
  }

  private static double tile(ChromeDriver driver, String kpi) {
    String value = driver.findElement(By.cssSelector("[data-kpi='" + kpi + "']")).getDomAttribute("data-value");
    assertThat(value).as("tile " + kpi).isNotBlank();
    return Double.parseDouble(value);
  }

  private static void screenshot(ChromeDriver driver, String name) throws Exception {
    Path directory = Path.of(System.getProperty("user.dir"), "target", "screenshots");
    Files.createDirectories(directory);
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), directory.resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void theLivePageShowsTheDemoUnderLoadInARealBrowser() throws Exception {
    int port = Ports.free();
    String base = "http://127.0.0.1:" + port;
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm demo = demoUnderLoad(port).exportTo(receiver).start();
        HeadlessChromium chromium = HeadlessChromium.start(1400, 3400)) {
      // the load is on, and the ring buffer has the two samples a rate needs
      await().atMost(TIMEOUT).untilAsserted(() -> {
        Http.Response trends = Http.get(base + "/api/trends");
        assertThat(trends.status()).as(demo.describe()).isEqualTo(200);
        assertThat(JSON.readTree(trends.body()).get("t").size()).isGreaterThanOrEqualTo(3);
        assertThat(scrape(metrics(port), "chatbot_requests_total")).isPositive();
        JsonNode slow = JSON.readTree(Http.get(base + "/api/slow-turns").body());
        assertThat(slow.get("turns")).isNotEmpty();
      });
      // the demo's session ids (sess-...) are on its spans and in its logs: none reaches the page's data
      for (String api : new String[] {"/api/summary", "/api/trends", "/api/errors", "/api/slow-turns"}) {
        assertThat(Http.get(base + api).body()).as(api).isNotEmpty().doesNotContain("sess-");
      }

      ChromeDriver driver = chromium.driver();
      driver.get(base + "/");
      await().atMost(TIMEOUT).until(() -> refreshes(driver) >= 1);
      assertThat(driver.getTitle()).isEqualTo("ChatLens live");

      // every chart has drawn data: points in its data, and pixels on its canvas
      List<WebElement> charts = driver.findElements(By.cssSelector("#charts .chart"));
      assertThat(charts).hasSize(6);
      assertThat(charts).allSatisfy(chart -> {
        assertThat(Integer.parseInt(chart.getDomAttribute("data-points"))).as(chart.getDomAttribute("id"))
            .isPositive();
        Number painted = (Number) ((JavascriptExecutor) driver).executeScript(
            "var c = arguments[0].querySelector('canvas'); var d = c.getContext('2d')"
                + ".getImageData(0, 0, c.width, c.height).data; var n = 0;"
                + "for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;", chart);
        assertThat(painted.longValue()).as("painted pixels of " + chart.getDomAttribute("id")).isPositive();
      });

      // the KPI tiles agree with /metrics: totals read between two scrapes lie between them
      String before = metrics(port);
      int seen = refreshes(driver);
      await().atMost(TIMEOUT).until(() -> refreshes(driver) > seen);
      Map<String, Double> tiles = new TreeMap<>();
      for (String kpi : List.of("requestsTotal", "failedRequestsTotal", "errorsTotal", "sessionsCreatedTotal",
          "requestsPerSecond", "p95Ms", "activeSessions", "errorRate", "zeroResultRate")) {
        tiles.put(kpi, tile(driver, kpi));
      }
      String after = metrics(port);
      assertThat(tiles.get("requestsTotal")).isBetween(scrape(before, "chatbot_requests_total"),
          scrape(after, "chatbot_requests_total"));
      assertThat(tiles.get("failedRequestsTotal")).isBetween(scrapeFailed(before), scrapeFailed(after));
      assertThat(tiles.get("errorsTotal")).isBetween(scrape(before, "chatbot_errors_total"),
          scrape(after, "chatbot_errors_total"));
      assertThat(tiles.get("sessionsCreatedTotal")).isBetween(scrape(before, "chatbot_sessions_created_total"),
          scrape(after, "chatbot_sessions_created_total"));
      assertThat(tiles.get("requestsPerSecond")).isPositive();
      // the ratio tiles and the KPI gauges of /metrics (the alert engine's) are read over the same 5-minute window
      assertThat(tiles.get("errorRate")).as("error rate tile against chatbot_error_rate_ratio")
          .isCloseTo(scrape(after, "chatbot_error_rate_ratio"), org.assertj.core.data.Offset.offset(0.05));
      assertThat(tiles.get("zeroResultRate")).as("zero-result tile against chatbot_search_zero_result_rate_ratio")
          .isCloseTo(scrape(after, "chatbot_search_zero_result_rate_ratio"), org.assertj.core.data.Offset.offset(0.05));
      assertThat(tiles.get("activeSessions")).isBetween(0d, 6d);
      double[] p95Before = p95Bucket(before);
      double[] p95After = p95Bucket(after);
      assertThat(tiles.get("p95Ms")).as("p95 within the bucket /metrics puts it in")
          .isBetween(Math.min(p95Before[0], p95After[0]), Math.max(p95Before[1], p95After[1]));

      // error groups, slow turns (a waterfall each, linked to Jaeger), usage and health checks are listed
      List<WebElement> groups = driver.findElements(By.cssSelector("#errors tbody tr[data-fingerprint]"));
      assertThat(groups).isNotEmpty().allSatisfy(group -> {
        List<WebElement> cells = group.findElements(By.tagName("td"));
        assertThat(cells).hasSize(8);
        assertThat(cells.get(0).getText()).isNotBlank();
        assertThat(Long.parseLong(cells.get(3).getText().replace(",", ""))).isPositive();
      });
      List<WebElement> turns = driver.findElements(By.cssSelector("#slow-turns .turn"));
      assertThat(turns).isNotEmpty().allSatisfy(turn -> {
        assertThat(turn.findElements(By.cssSelector(".step"))).as("the turn and its spans").hasSizeGreaterThan(1);
        assertThat(turn.findElement(By.cssSelector(".duration")).getText()).endsWith(" ms");
        assertThat(turn.findElement(By.cssSelector("a")).getDomAttribute("href"))
            .isEqualTo(JAEGER + "/trace/" + turn.getDomAttribute("data-trace-id"));
      });
      assertThat(driver.findElements(By.cssSelector("#commands tbody tr"))).isNotEmpty();
      List<WebElement> checks = driver.findElements(By.cssSelector("#health tbody tr"));
      assertThat(checks).isNotEmpty().allSatisfy(check ->
          assertThat(check.getDomAttribute("data-state")).isIn("green", "amber", "red", "grey"));
      assertThat(driver.findElements(By.cssSelector("#alerts [data-alert]"))).isNotEmpty();

      // the whole page in one picture
      Number height = (Number) ((JavascriptExecutor) driver).executeScript(
          "return document.documentElement.scrollHeight;");
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, height.intValue() + 200));
      screenshot(driver, "live-page.png");
      assertThat(chromium.consoleErrors()).as("console errors").isEmpty();
    }
  }

  @Test
  void withATokenThePageAsksForItAndOnlyThenShowsTheData() throws Exception {
    int port = Ports.free();
    String base = "http://127.0.0.1:" + port;
    String token = "live-page-token-42";
    try (RunningJvm demo = demoUnderLoad(port).exportNowhere().property("chatlens.prometheus.auth-token", token)
        .start();
        HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
      await().atMost(TIMEOUT).untilAsserted(() ->
          assertThat(Http.get(base + "/api/summary").status()).as(demo.describe()).isEqualTo(401));
      assertThat(Http.get(base + "/").status()).as("the page's files hold no data").isEqualTo(200);
      assertThat(Http.get(base + "/ui/live.js").status()).isEqualTo(200);

      ChromeDriver driver = chromium.driver();
      driver.get(base + "/");
      WebElement form = driver.findElement(By.id("token-form"));
      await().atMost(TIMEOUT).until(form::isDisplayed);
      assertThat(refreshes(driver)).isZero();
      assertThat(driver.findElements(By.cssSelector("[data-kpi]"))).as("no data without the token").isEmpty();
      assertThat(chromium.consoleErrors()).as("only the refused requests").isNotEmpty()
          .allSatisfy(entry -> assertThat(entry.getMessage()).contains("401"));

      driver.findElement(By.id("token")).sendKeys(token);
      form.submit();
      await().atMost(TIMEOUT).until(() -> refreshes(driver) >= 1);
      assertThat(form.isDisplayed()).isFalse();
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tile(driver, "requestsTotal")).isPositive());

      // or in the address, as a fragment the browser never sends: taken, then taken out of the address
      driver.executeScript("sessionStorage.clear();");
      driver.get("about:blank");
      driver.get(base + "/#token=" + token);
      await().atMost(TIMEOUT).until(() -> refreshes(driver) >= 1);
      assertThat(driver.getCurrentUrl()).doesNotContain(token);
      assertThat(chromium.consoleErrors()).as("console errors once the token is known").isEmpty();
    }
  }

  private static double scrapeFailed(String metrics) {
    double total = 0;
    for (String line : metrics.lines().toList()) {
      if (line.startsWith("chatbot_requests_total{") && line.contains("status=\"error\"")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
