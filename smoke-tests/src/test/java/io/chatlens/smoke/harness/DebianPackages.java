package io.chatlens.smoke.harness;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tools from Debian packages that some tests need (promtool from {@code prometheus}, the PostgreSQL server from
 * {@code postgresql}). {@code .ci/run} installs them before the tests; on a fresh machine where the tests run as
 * root with {@code apt-get}, a missing package is installed here the same way, and the service the package
 * starts is stopped again (tests start private servers on free ports instead).
 */
public final class DebianPackages {

  private static final List<String> SYSTEM_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
      "/sbin", "/bin");

  private DebianPackages() {}

  /**
   * The executable {@code command}, from {@code PATH} or the system directories; installs {@code debianPackage}
   * first when the command is missing and this is a root account with apt-get.
   *
   * @throws IllegalStateException when the command is missing and cannot be installed, naming the package
   */
  public static Path command(String command, String debianPackage) {
    Path found = find(command);
    if (found == null && canInstall()) {
      install(debianPackage);
      found = find(command);
    }
    if (found == null) {
      throw new IllegalStateException(command + " is not installed: install Debian's " + debianPackage
          + " package (apt-get install -y " + debianPackage + "); .ci/run does this");
    }
    return found;
  }

  /** Whether missing packages can be installed here: running as root on a machine with apt-get. */
  public static boolean canInstall() {
    return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"));
  }

  /** Installs a package with apt-get (non-interactive), then stops the service it may have started. */
  public static synchronized void install(String debianPackage) {
    if (!debianPackage.matches("[a-z0-9][a-z0-9+.-]*")) {
      throw new IllegalArgumentException("not a Debian package name: " + debianPackage);
    }
    run(List.of("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
        + debianPackage), true);
    run(List.of("sh", "-c", "service " + debianPackage + " stop >/dev/null 2>&1 || true"), false);
  }

  /** The command on {@code PATH} or in a system directory, or {@code null}. */
  public static Path find(String command) {
    List<String> directories = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      directories.addAll(List.of(path.split(File.pathSeparator)));
    }
    directories.addAll(SYSTEM_PATH);
    for (String directory : directories) {
      if (!directory.isEmpty()) {
        Path candidate = Path.of(directory, command);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static void run(List<String> command, boolean mustSucceed) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(new File("/tmp")).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean exited = process.waitFor(10, TimeUnit.MINUTES);
      if (!exited) {
        process.destroyForcibly();
      }
      if (mustSucceed && (!exited || process.exitValue() != 0)) {
        throw new IllegalStateException("command failed: " + command + "\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    }
  }
}
