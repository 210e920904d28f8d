package io.chatlens.smoke.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool (promtool, initdb, jcmd, keytool...) with a timeout that can fire. Its standard output and error go to
 * a temporary file, not to a pipe read before {@link Process#waitFor(long, TimeUnit)}: a pipe read blocks until the
 * tool exits, so a hung tool would hang the build. On timeout the tool and its children are killed and the run fails
 * with the command and everything it printed so far. Standard input is closed at once (a tool waiting for input
 * sees end of input instead of hanging).
 */
public final class Processes {

  /** How a run ended: the exit code and everything printed on standard output and error, interleaved. */
  public record Result(int exitCode, String output) {}

  private Processes() {}

  /** Runs {@code command} in {@code /tmp}; see {@link #run(List, Path, Duration)}. */
  public static Result run(List<String> command, Duration timeout) {
    return run(command, Path.of(System.getProperty("java.io.tmpdir")), timeout);
  }

  /**
   * Runs {@code command} in {@code directory} and waits at most {@code timeout} for it to exit.
   *
   * @return the exit code and output, whatever the exit code
   * @throws IllegalStateException when the command cannot be started, or did not exit in time (it is then killed;
   *     the message holds its output so far)
   */
  public static Result run(List<String> command, Path directory, Duration timeout) {
    Path output = null;
    Process process = null;
    try {
      output = Files.createTempFile("chatlens-process", ".out");
      process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new IllegalStateException("timed out after " + describe(timeout) + " and killed: "
            + String.join(" ", command) + "\n--- output so far ---\n" + read(output));
      }
      return new Result(process.exitValue(), read(output));
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + String.join(" ", command), e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  /**
   * Runs {@code command} and returns its output; fails, with the output, unless it exits with 0 in time.
   *
   * @throws IllegalStateException as {@link #run(List, Path, Duration)}, and on a non-zero exit code
   */
  public static String succeed(List<String> command, Path directory, Duration timeout) {
    Result result = run(command, directory, timeout);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("exit code " + result.exitCode() + ": " + String.join(" ", command)
          + "\n--- output ---\n" + result.output());
    }
    return result.output();
  }

  /** {@link #succeed(List, Path, Duration)} in {@code /tmp}. */
  public static String succeed(List<String> command, Duration timeout) {
    return succeed(command, Path.of(System.getProperty("java.io.tmpdir")), timeout);
  }

  private static void kill(Process process) {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path output) {
    try {
      return new String(Files.readAllBytes(output), StandardCharsets.UTF_8); // lenient: a tool may print anything
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}
