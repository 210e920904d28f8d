package io.chatlens.smoke.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs; the tests never install anything). Each instance has a
 * fresh profile, no network traffic of its own (no sync, updates or background requests) and keeps the browser
 * console.
 */
public final class HeadlessChromium implements AutoCloseable {

  private final ChromeDriver driver;

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /**
   * Starts Chromium with a window of this size.
   *
   * @throws IllegalStateException naming the Debian package when chromium or chromedriver is missing
   */
  public static HeadlessChromium start(int width, int height) throws IOException {
    Path chromium = DebianPackages.command("chromium", "chromium");
    Path chromedriver = DebianPackages.command("chromedriver", "chromium-driver");
    Path profile = TempDirectories.create("chatlens-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort().build();
    return new HeadlessChromium(new ChromeDriver(service, options));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** The browser console's entries at SEVERE (errors, uncaught exceptions, failed loads) since the last call. */
  public List<LogEntry> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
