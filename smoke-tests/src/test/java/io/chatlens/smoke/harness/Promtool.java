package io.chatlens.smoke.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Prometheus's {@code promtool}, from Debian's {@code prometheus} package ({@code .ci/run} installs it). */
public final class Promtool {

  /** A generous bound: promtool checks and rule tests take well under a second. */
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final Path binary;

  private Promtool(Path binary) {
    this.binary = binary;
  }

  /**
   * The installed promtool.
   *
   * @throws IllegalStateException when it is missing, naming the package to install
   */
  public static Promtool find() {
    return new Promtool(DebianPackages.command("promtool", "prometheus"));
  }

  /** Runs {@code promtool ARGS...} in a directory; fails if it has not finished within 2 minutes. */
  public Processes.Result run(Path directory, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    return Processes.run(command, directory, TIMEOUT);
  }
}
