package io.chatlens.smoke.harness;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A started JVM whose standard output and error are captured byte for byte. */
public final class RunningJvm implements AutoCloseable {

  private final Process process;
  private final Path workingDirectory;
  private final List<String> command;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread outPump;
  private final Thread errPump;

  RunningJvm(Process process, Path workingDirectory, List<String> command) {
    this.process = process;
    this.workingDirectory = workingDirectory;
    this.command = command;
    this.outPump = pump(process.getInputStream(), stdout, "stdout");
    this.errPump = pump(process.getErrorStream(), stderr, "stderr");
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink, String name) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          synchronized (sink) {
            sink.write(buffer, 0, n);
          }
        }
      } catch (IOException closed) {
        // process ended
      }
    }, "pump-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  public long pid() {
    return process.pid();
  }

  public Path workingDirectory() {
    return workingDirectory;
  }

  public String stdout() {
    synchronized (stdout) {
      return stdout.toString(StandardCharsets.UTF_8);
    }
  }

  public byte[] stdoutBytes() {
    synchronized (stdout) {
      return stdout.toByteArray();
    }
  }

  public String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** Writes a line to the JVM's standard input. */
  public void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  public void closeStdin() throws IOException {
    process.getOutputStream().close();
  }

  /** Waits until the text appears on standard error. */
  public RunningJvm awaitStderr(String text, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(50))
        .alias("stderr to contain '" + text + "'; stderr so far:\n" + stderr())
        .until(() -> stderr().contains(text) || !process.isAlive() && stderr().contains(text));
    return this;
  }

  /** Waits until the text appears on standard output. */
  public RunningJvm awaitStdout(String text, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(50))
        .alias("stdout to contain '" + text + "'; stdout so far:\n" + stdout() + "\nstderr:\n" + stderr())
        .until(() -> stdout().contains(text));
    return this;
  }

  /** Waits for the process to end and returns its exit code. */
  public int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("JVM did not exit within " + timeout + "\ncommand: " + command
          + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
    }
    outPump.join(5000);
    errPump.join(5000);
    return process.exitValue();
  }

  /** A description for assertion messages. */
  public String describe() {
    return "command: " + String.join(" ", command) + "\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
