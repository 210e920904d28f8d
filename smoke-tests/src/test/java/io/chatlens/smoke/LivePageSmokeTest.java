package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.example.probe.MixedTrafficApp;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** The bounds (in ms) of the bucket that holds a quantile. */
  private static double[] quantileBucket(String metrics, double q) {
    TreeMap<Double, Double> buckets = buckets(metrics, "chatbot_response_time_seconds");
    double total = buckets.lastEntry().getValue();
    double lower = 0;
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      if (bucket.getValue() >= q * total) {
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
    // the page redraws its tiles at every refresh: an element found just before a redraw is gone when read, so it
    // is found again (a few times at most)
    for (int attempt = 1; ; attempt++) {
      try {
        String value = driver.findElement(By.cssSelector("[data-kpi='" + kpi + "']")).getDomAttribute("data-value");
        assertThat(value).as("tile " + kpi).isNotBlank();
        return Double.parseDouble(value);
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        if (attempt == 5) {
          throw redrawn;
        }
      }
    }
  }

  private static void screenshot(ChromeDriver driver, String name) throws Exception {
    Path directory = Path.of(System.getProperty("user.dir"), "target", "screenshots");
    Files.createDirectories(directory);
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), directory.resolve(name),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The demo chatbot's classes under a traffic mix with known proportions ({@link MixedTrafficApp}): 2 of every 13
   * turns fail, 3 of every 5 searches find nothing, 3 of every 4 ratings say the answer was right, every session ends
   * after 13 interactions, and 4 idle sessions stay open; so that a tile stuck at 0 (or at any wrong value) fails.
   */
  private static AgentJvm mixedTraffic(int port) {
    List<Path> classpath = new ArrayList<>(List.of(Paths.demoClasses(), Paths.testClasses()));
    classpath.addAll(Paths.demoDependencies());
    return AgentJvm.main("com.example.probe.MixedTrafficApp").classpath(classpath).args("2", "30")
        .property("chatlens.prometheus.port", Integer.toString(port))
        .property("chatlens.ui.jaeger-url", JAEGER)
        .property("otel.service.name", "live-page");
  }

  private static final double ERROR_RATE = 2d / 13;
  private static final double ZERO_RESULT_RATE = 3d / 5;
  private static final double ACCURACY = 3d / 4;

  /** The failed / all turns of the run so far, from the counters of /metrics. */
  private static double errorRate(String metrics) {
    return scrapeFailed(metrics) / scrape(metrics, "chatbot_requests_total");
  }

  /** The zero-result / all searches (with a known outcome) of the run so far, from /metrics. */
  private static double zeroResultRate(String metrics) {
    double zero = 0;
    double all = 0;
    for (String line : metrics.lines().toList()) {
      if (line.startsWith("chatbot_search_requests_total{") && !line.contains("outcome=\"unknown\"")) {
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        all += value;
        if (line.contains("outcome=\"zero_results\"")) {
          zero += value;
        }
      }
    }
    return zero / all;
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }

  /** How many opaque pixels of a chart's canvas have (about) the colour of one of its series. */
  private static long pixelsOfColour(ChromeDriver driver, WebElement chart, int r, int g, int b) {
    Number n = (Number) ((JavascriptExecutor) driver).executeScript(
        "var c = arguments[0].querySelector('canvas'); var d = c.getContext('2d')"
            + ".getImageData(0, 0, c.width, c.height).data; var n = 0;"
            + "for (var i = 0; i < d.length; i += 4) { if (d[i + 3] > 200 && Math.abs(d[i] - arguments[1]) < 40"
            + " && Math.abs(d[i + 1] - arguments[2]) < 40 && Math.abs(d[i + 2] - arguments[3]) < 40) n++; }"
            + "return n;", chart, r, g, b);
    return n.longValue();
  }

  private static List<List<String>> rows(ChromeDriver driver, String table) {
    List<List<String>> rows = new ArrayList<>();
    for (WebElement row : driver.findElements(By.cssSelector(table + " tbody tr"))) {
      rows.add(row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
    }
    return rows;
  }

  private static long count(String text) {
    return Long.parseLong(text.replace(",", ""));
  }

  @Test
  void theLivePageShowsTheDemoUnderLoadInARealBrowser() throws Exception {
    int port = Ports.free();
    String base = "http://127.0.0.1:" + port;
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm demo = mixedTraffic(port).exportTo(receiver).start();
        HeadlessChromium chromium = HeadlessChromium.start(1400, 3400)) {
      // the load is on, the ring buffer has the samples a rate needs, sessions have ended and turns were traced
      await().atMost(TIMEOUT).untilAsserted(() -> {
        Http.Response trends = Http.get(base + "/api/trends");
        assertThat(trends.status()).as(demo.describe()).isEqualTo(200);
        assertThat(JSON.readTree(trends.body()).get("t").size()).isGreaterThanOrEqualTo(3);
        assertThat(scrape(metrics(port), "chatbot_session_duration_seconds_count")).isPositive();
        JsonNode summary = JSON.readTree(Http.get(base + "/api/summary").body());
        assertThat(summary.at("/usage/zeroResultQueries")).hasSize(2);
        JsonNode slow = JSON.readTree(Http.get(base + "/api/slow-turns").body());
        assertThat(slow.get("turns")).isNotEmpty();
      });
      // the plotted series are not all zero: throughput, latency, database errors, user errors, sessions, heap, CPU
      JsonNode series = JSON.readTree(Http.get(base + "/api/trends").body()).get("series");
      for (String name : List.of("latency.p50", "latency.p95", "throughput", "errors.database", "errors.user",
          "sessions.active", "heap.used", "cpu.process")) {
        List<Double> values = new ArrayList<>();
        series.get(name).forEach(v -> values.add(v.isNumber() ? v.asDouble() : Double.NaN));
        assertThat(values).as(name).isNotEmpty().anySatisfy(v -> assertThat(v).isFinite().isPositive());
      }
      // the ids the app uses (sess-..., user-N-M) are on its spans and in its logs: none reaches the page's data
      for (String api : new String[] {"/api/summary", "/api/trends", "/api/errors", "/api/slow-turns"}) {
        assertThat(Http.get(base + api).body()).as(api).isNotEmpty().doesNotContain("sess-")
            .doesNotContainPattern("user-\\d").doesNotContain(MixedTrafficApp.ZERO_RESULT_QUERIES.get(0));
      }

      ChromeDriver driver = chromium.driver();
      driver.get(base + "/");
      await().atMost(TIMEOUT).until(() -> refreshes(driver) >= 1);
      assertThat(driver.getTitle()).isEqualTo("ChatLens live");

      // every chart has drawn data: non-zero points in its data, and pixels of a series' colour on its canvas
      // (uPlot's axes and grid are grey and black; the first series is #5b8def, database errors #e8710a)
      List<WebElement> charts = driver.findElements(By.cssSelector("#charts .chart"));
      assertThat(charts).hasSize(6);
      assertThat(charts).allSatisfy(chart -> {
        String id = chart.getDomAttribute("id");
        assertThat(Integer.parseInt(chart.getDomAttribute("data-points"))).as(id).isPositive();
        assertThat(Integer.parseInt(chart.getDomAttribute("data-nonzero"))).as("non-zero points of " + id)
            .isPositive();
        long painted = id.equals("chart-errors") ? pixelsOfColour(driver, chart, 0xe8, 0x71, 0x0a)
            : pixelsOfColour(driver, chart, 0x5b, 0x8d, 0xef);
        assertThat(painted).as("pixels of the series colour in " + id).isGreaterThan(20);
      });

      // the KPI tiles agree with /metrics: values read between two scrapes lie between them
      String before = metrics(port);
      long beforeNanos = System.nanoTime();
      int seen = refreshes(driver);
      await().atMost(TIMEOUT).until(() -> refreshes(driver) > seen);
      Map<String, Double> tiles = new TreeMap<>();
      for (String kpi : List.of("requestsTotal", "failedRequestsTotal", "errorsTotal", "sessionsCreatedTotal",
          "requestsPerSecond", "p50Ms", "p95Ms", "p99Ms", "activeSessions", "errorRate", "zeroResultRate",
          "answerAccuracy", "sessionDurationMeanSeconds", "interactionsPerSessionMean")) {
        tiles.put(kpi, tile(driver, kpi));
      }
      // the usage tables of the same refresh
      Map<String, List<List<String>>> usage = new TreeMap<>();
      for (String table : List.of("#commands", "#zero-queries", "#session-durations", "#session-interactions",
          "#busiest")) {
        usage.put(table, rows(driver, table));
      }
      String after = metrics(port);
      double seconds = (System.nanoTime() - beforeNanos) / 1e9;
      assertThat(tiles.get("requestsTotal")).isPositive().isBetween(scrape(before, "chatbot_requests_total"),
          scrape(after, "chatbot_requests_total"));
      assertThat(tiles.get("failedRequestsTotal")).isPositive().isBetween(scrapeFailed(before), scrapeFailed(after));
      assertThat(tiles.get("errorsTotal")).isPositive().isBetween(scrape(before, "chatbot_errors_total"),
          scrape(after, "chatbot_errors_total"));
      assertThat(tiles.get("sessionsCreatedTotal")).isPositive().isBetween(
          scrape(before, "chatbot_sessions_created_total"), scrape(after, "chatbot_sessions_created_total"));
      // requests/s over the last minute against the rate of the counter between the two scrapes (a steady load)
      double measured = (scrape(after, "chatbot_requests_total") - scrape(before, "chatbot_requests_total")) / seconds;
      assertThat(measured).isPositive();
      assertThat(tiles.get("requestsPerSecond")).as("requests/s against %.1f measured", measured)
          .isBetween(0.65 * measured, 1.35 * measured);
      // the ratios: the run so far (younger than the 5-minute window), the mix's proportions, the alert engine's gauges
      assertThat(tiles.get("errorRate")).as("error rate tile")
          .isBetween(Math.min(errorRate(before), errorRate(after)) - 0.002,
              Math.max(errorRate(before), errorRate(after)) + 0.002)
          .isCloseTo(ERROR_RATE, within(0.01))
          .isCloseTo(scrape(after, "chatbot_error_rate_ratio"), within(0.01));
      assertThat(tiles.get("zeroResultRate")).as("zero-result tile")
          .isBetween(Math.min(zeroResultRate(before), zeroResultRate(after)) - 0.002,
              Math.max(zeroResultRate(before), zeroResultRate(after)) + 0.002)
          .isCloseTo(ZERO_RESULT_RATE, within(0.01))
          .isCloseTo(scrape(after, "chatbot_search_zero_result_rate_ratio"), within(0.01));
      assertThat(tiles.get("answerAccuracy")).as("rated accuracy tile (chatlens.alerts.enabled is on by default)")
          .isCloseTo(ACCURACY, within(0.01)).isCloseTo(scrape(after, "chatbot_answer_accuracy_ratio"), within(0.01));
      // 4 idle sessions stay open, and each of the 2 workers has one more at most
      assertThat(tiles.get("activeSessions")).isBetween(4d, 6d);
      // sessions: every one ends after 13 interactions; the mean duration is the histogram's sum / count
      assertThat(tiles.get("interactionsPerSessionMean")).isCloseTo(13d, within(0.001));
      double durationBefore = scrape(before, "chatbot_session_duration_seconds_sum")
          / scrape(before, "chatbot_session_duration_seconds_count");
      double durationAfter = scrape(after, "chatbot_session_duration_seconds_sum")
          / scrape(after, "chatbot_session_duration_seconds_count");
      assertThat(tiles.get("sessionDurationMeanSeconds")).isPositive()
          .isBetween(Math.min(durationBefore, durationAfter) * 0.98, Math.max(durationBefore, durationAfter) * 1.02);
      // the percentiles lie in the buckets /metrics puts them in, in order
      for (double q : new double[] {0.50, 0.95, 0.99}) {
        String kpi = "p" + Math.round(q * 100) + "Ms";
        double[] inBefore = quantileBucket(before, q);
        double[] inAfter = quantileBucket(after, q);
        assertThat(tiles.get(kpi)).as(kpi + " within the bucket /metrics puts it in").isPositive()
            .isBetween(Math.min(inBefore[0], inAfter[0]), Math.max(inBefore[1], inAfter[1]));
      }
      assertThat(tiles.get("p50Ms")).isLessThanOrEqualTo(tiles.get("p95Ms"));
      assertThat(tiles.get("p95Ms")).isLessThanOrEqualTo(tiles.get("p99Ms"));
      // what the tiles show as text is the same number
      assertThat(driver.findElement(By.cssSelector("[data-kpi='errorRate'] .value")).getText())
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %%", 100 * tiles.get("errorRate"))
              .replaceAll("\\.?0+ %$", " %"));

      // error groups, slow turns (a waterfall each, linked to Jaeger) and health checks are listed
      List<WebElement> groups = driver.findElements(By.cssSelector("#errors tbody tr[data-fingerprint]"));
      assertThat(groups).isNotEmpty().allSatisfy(group -> {
        List<WebElement> cells = group.findElements(By.tagName("td"));
        assertThat(cells).hasSize(8);
        assertThat(cells.get(0).getText()).isNotBlank();
        assertThat(count(cells.get(3).getText())).isPositive();
      });
      assertThat(groups).anySatisfy(group -> assertThat(group.findElements(By.tagName("td")).get(1).getText())
          .isEqualTo("database"));
      List<WebElement> turns = driver.findElements(By.cssSelector("#slow-turns .turn"));
      assertThat(turns).isNotEmpty().allSatisfy(turn -> {
        assertThat(turn.findElements(By.cssSelector(".step"))).as("the turn and its spans").hasSizeGreaterThan(1);
        assertThat(turn.findElement(By.cssSelector(".duration")).getText()).endsWith(" ms");
        assertThat(turn.findElement(By.cssSelector("a")).getDomAttribute("href"))
            .isEqualTo(JAEGER + "/trace/" + turn.getDomAttribute("data-trace-id"));
      });
      List<WebElement> checks = driver.findElements(By.cssSelector("#health tbody tr"));
      assertThat(checks).isNotEmpty().allSatisfy(check ->
          assertThat(check.getDomAttribute("data-state")).isIn("green", "amber", "red", "grey"));
      assertThat(driver.findElements(By.cssSelector("#alerts [data-alert]"))).isNotEmpty();

      assertUsage(usage, driver.getPageSource(), tiles,
          scrape(before, "chatbot_session_duration_seconds_count"), scrape(after, "chatbot_session_duration_seconds_count"));

      // the whole page in one picture
      Number height = (Number) ((JavascriptExecutor) driver).executeScript(
          "return document.documentElement.scrollHeight;");
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, height.intValue() + 200));
      screenshot(driver, "live-page.png");
      assertThat(chromium.consoleErrors()).as("console errors").isEmpty();
    }
  }

  /**
   * Usage analytics as the page shows them: commands with their error rate, the zero-result queries as hashes (never
   * the text), sessions by duration and interactions, the busiest minutes.
   */
  private static void assertUsage(Map<String, List<List<String>>> usage, String page, Map<String, Double> tiles,
      double endedBefore, double endedAfter) {
    // every /admin crash fails, no /search does; the invalid commands are counted under "unknown"
    List<List<String>> commands = usage.get("#commands");
    assertThat(commands).isNotEmpty();
    assertThat(commands).anySatisfy(row -> assertThat(row).startsWith("/admin").endsWith("100 %"));
    assertThat(commands).anySatisfy(row -> assertThat(row).startsWith("/search").endsWith("0 %"));
    assertThat(commands).anySatisfy(row -> {
      assertThat(row.get(0)).isEqualTo("unknown");
      assertThat(count(row.get(2))).isPositive();
    });
    // two queries match nothing: "xylophone quartz" twice per conversation, "zebra nebula" once
    List<List<String>> zero = usage.get("#zero-queries");
    assertThat(zero).hasSize(2).allSatisfy(row -> assertThat(row.get(0)).matches("[0-9a-f]{8,64}"));
    double ratio = (double) count(zero.get(0).get(1)) / count(zero.get(1).get(1));
    assertThat(ratio).as("the most frequent zero-result query is sent twice as often").isBetween(1.7, 2.3);
    for (String query : MixedTrafficApp.ZERO_RESULT_QUERIES) {
      assertThat(page).doesNotContain(query).doesNotContain(query.split(" ")[0]);
    }
    // sessions by duration and by interactions: every ended session is in each distribution once
    for (String table : List.of("#session-durations", "#session-interactions")) {
      List<List<String>> buckets = usage.get(table);
      assertThat(buckets).as(table).isNotEmpty().allSatisfy(row -> assertThat(row.get(0)).startsWith("≤ "));
      assertThat(buckets.stream().mapToLong(row -> count(row.get(2))).sum()).as(table).isPositive()
          .isBetween(Math.round(endedBefore), Math.round(endedAfter));
    }
    List<List<String>> interactions = usage.get("#session-interactions");
    assertThat(interactions).as("13 interactions each: one bucket").hasSize(1);
    assertThat(Double.parseDouble(interactions.get(0).get(0).substring(2).replace(",", ""))).isGreaterThanOrEqualTo(13);
    // the busiest minutes: the most requests first, each at most what was counted in all
    List<List<String>> busiest = usage.get("#busiest");
    assertThat(busiest).isNotEmpty().allSatisfy(row -> {
      assertThat(row.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}Z");
      assertThat(count(row.get(1))).isPositive();
    });
    List<Long> perMinute = busiest.stream().map(row -> count(row.get(1))).toList();
    assertThat(perMinute).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(perMinute.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(
        Math.round(tiles.get("requestsTotal") * 1.1));
  }


  /**
   * No backend at all, as the README's first command runs: the OTLP exporters send to a port where nothing listens
   * (their health checks say so) and, in the second case, traces are not exported at all
   * ({@code otel.traces.exporter=none}). The KPIs, trends, error groups, usage and health checks come from the
   * agent's own metrics either way; the slowest turns, the zero-result query hashes and the error rate by command
   * come from the spans as they are exported, so with {@code otel.traces.exporter=none} they stay empty, as the README
   * says.
   */
  @ParameterizedTest(name = "traces exporter {0}")
  @ValueSource(strings = {"otlp", "none"})
  void withNoBackendThePageStillShowsWhatTheAgentMeasuresItself(String tracesExporter) throws Exception {
    int port = Ports.free();
    String base = "http://127.0.0.1:" + port;
    boolean traced = tracesExporter.equals("otlp");
    try (RunningJvm demo = mixedTraffic(port).exportNowhere().property("otel.traces.exporter", tracesExporter)
        .start();
        HeadlessChromium chromium = HeadlessChromium.start(1400, 3400)) {
      await().atMost(TIMEOUT).untilAsserted(() -> {
        Http.Response trends = Http.get(base + "/api/trends");
        assertThat(trends.status()).as(demo.describe()).isEqualTo(200);
        assertThat(JSON.readTree(trends.body()).get("t").size()).isGreaterThanOrEqualTo(3);
        assertThat(JSON.readTree(Http.get(base + "/api/errors").body()).get("errors")).isNotEmpty();
        JsonNode health = JSON.readTree(Http.get(base + "/api/summary").body()).get("health");
        assertThat(health).anySatisfy(check -> {
          assertThat(check.get("check").asText()).isEqualTo("exporter metrics");
          assertThat(check.get("state").asText()).isEqualTo("red");
        });
      });

      ChromeDriver driver = chromium.driver();
      driver.get(base + "/");
      await().atMost(TIMEOUT).until(() -> refreshes(driver) >= 1);
      String before = metrics(port);
      int seen = refreshes(driver);
      await().atMost(TIMEOUT).until(() -> refreshes(driver) > seen);
      double requests = tile(driver, "requestsTotal");
      double errorRate = tile(driver, "errorRate");
      double zeroResultRate = tile(driver, "zeroResultRate");
      String after = metrics(port);

      // KPIs
      assertThat(requests).isPositive().isBetween(scrape(before, "chatbot_requests_total"),
          scrape(after, "chatbot_requests_total"));
      assertThat(errorRate).isCloseTo(ERROR_RATE, within(0.01));
      assertThat(zeroResultRate).isCloseTo(ZERO_RESULT_RATE, within(0.01));
      assertThat(tile(driver, "answerAccuracy")).isCloseTo(ACCURACY, within(0.01));
      assertThat(tile(driver, "activeSessions")).isBetween(4d, 6d);
      assertThat(tile(driver, "p95Ms")).isPositive();
      assertThat(tile(driver, "interactionsPerSessionMean")).isCloseTo(13d, within(0.001));
      // trends
      List<WebElement> charts = driver.findElements(By.cssSelector("#charts .chart"));
      assertThat(charts).hasSize(6).allSatisfy(chart ->
          assertThat(Integer.parseInt(chart.getDomAttribute("data-nonzero"))).as(chart.getDomAttribute("id"))
              .isPositive());
      // error groups
      List<WebElement> groups = driver.findElements(By.cssSelector("#errors tbody tr[data-fingerprint]"));
      assertThat(groups).isNotEmpty().anySatisfy(group -> {
        List<WebElement> cells = group.findElements(By.tagName("td"));
        assertThat(cells.get(1).getText()).isEqualTo("database");
        assertThat(count(cells.get(3).getText())).isPositive();
      });
      // usage: commands and sessions always; the error rate by command and the zero-result hashes from the spans
      List<List<String>> commands = rows(driver, "#commands");
      assertThat(commands).isNotEmpty().anySatisfy(row -> assertThat(row.get(0)).isEqualTo("/admin"));
      assertThat(rows(driver, "#session-interactions")).isNotEmpty()
          .allSatisfy(row -> assertThat(count(row.get(2))).isPositive());
      assertThat(rows(driver, "#busiest")).isNotEmpty();
      List<List<String>> zero = rows(driver, "#zero-queries");
      assertThat(zero).isNotEmpty();
      List<WebElement> turns = driver.findElements(By.cssSelector("#slow-turns .turn"));
      if (traced) {
        assertThat(commands).anySatisfy(row -> assertThat(row).startsWith("/admin").endsWith("100 %"));
        assertThat(zero).hasSize(2).allSatisfy(row -> assertThat(row.get(0)).matches("[0-9a-f]{8,64}"));
        assertThat(turns).isNotEmpty();
      } else {
        assertThat(commands).allSatisfy(row -> assertThat(row.get(3)).isEqualTo("–"));
        assertThat(zero).containsExactly(List.of("none"));
        assertThat(turns).isEmpty();
        assertThat(driver.findElement(By.id("slow-turns")).getText()).startsWith("no turn traced yet");
      }
      // health: the exporters that send nowhere are red with the reason; traces not exported are grey
      Map<String, String> health = new TreeMap<>();
      for (WebElement check : driver.findElements(By.cssSelector("#health tbody tr"))) {
        health.put(check.getDomAttribute("data-check"), check.getDomAttribute("data-state"));
      }
      assertThat(health).isNotEmpty().containsEntry("exporter metrics", "red").containsEntry("exporter logs", "red")
          .containsEntry("exporter traces", traced ? "red" : "grey").containsKeys("heap", "database pool", "drops");
      if (!traced) {
        assertThat(health).containsEntry("queue spans", "grey");
      }
      assertThat(driver.findElement(By.id("health")).getText()).doesNotContain("NaN");
      screenshot(driver, "live-page-no-backend-traces-" + tracesExporter + ".png");
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
