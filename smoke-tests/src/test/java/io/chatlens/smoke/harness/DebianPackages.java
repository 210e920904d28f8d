package io.chatlens.smoke.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tools from Debian packages that some tests need: {@code promtool} and {@code prometheus} from {@code prometheus},
 * the PostgreSQL server from {@code postgresql}, {@code chromium} and {@code chromedriver} from {@code chromium} and
 * {@code chromium-driver} (the live page's browser test). The tests never install anything: {@code .ci/run} installs these
 * packages before running them, and a missing tool fails the test with one message naming the package.
 */
public final class DebianPackages {

  private static final List<String> SYSTEM_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
      "/sbin", "/bin");

  private DebianPackages() {}

  /**
   * The executable {@code command}, from {@code PATH} or the system directories.
   *
   * @throws IllegalStateException when the command is missing, naming the package that provides it
   */
  public static Path command(String command, String debianPackage) {
    Path found = find(command);
    if (found == null) {
      throw missing(command, debianPackage);
    }
    return found;
  }

  /** The failure for a missing tool: what is missing, which Debian package has it, and how to install it. */
  public static IllegalStateException missing(String what, String debianPackage) {
    return new IllegalStateException(what + " is not installed: it comes with Debian's " + debianPackage
        + " package, which .ci/run installs before running the tests (or: sudo apt-get install -y " + debianPackage
        + "). The tests never install packages themselves.");
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
}
