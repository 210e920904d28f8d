package io.chatlens.smoke.harness;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's {@code promtool}, from Debian's {@code prometheus} package. {@code .ci/run} installs it; on a
 * fresh machine where the tests run as root with apt-get, it is installed here the same way.
 */
public final class Promtool {

  /** What a promtool run printed and how it ended. */
  public record Result(int exitCode, String output) {}

  private final Path binary;

  private Promtool(Path binary) {
    this.binary = binary;
  }

  public static Promtool find() throws Exception {
    Path found = onPath();
    if (found == null && "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      run(List.of("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus"
          + " >/dev/null && (service prometheus stop >/dev/null 2>&1 || true)"), Path.of("/tmp"));
      found = onPath();
    }
    if (found == null) {
      throw new IllegalStateException("promtool is missing: install Debian's prometheus package "
          + "(apt-get install -y prometheus); .ci/run does this");
    }
    return new Promtool(found);
  }

  /** Runs {@code promtool ARGS...} in a directory. */
  public Result run(Path directory, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    return run(command, directory);
  }

  private static Result run(List<String> command, Path directory) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command + "\n" + output);
    }
    return new Result(process.exitValue(), output);
  }

  private static Path onPath() {
    String path = System.getenv("PATH");
    for (String directory : (path == null ? "/usr/bin:/usr/local/bin" : path + ":/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
