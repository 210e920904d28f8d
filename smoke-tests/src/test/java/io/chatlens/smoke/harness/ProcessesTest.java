package io.chatlens.smoke.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The harness's process runner: a hung tool fails the test fast instead of hanging the build. */
class ProcessesTest {

  @Test
  void aHungCommandFailsFastWithItsOutputSoFarAndIsKilled() {
    long start = System.nanoTime();
    // the shell prints its pid, then becomes a 60 s sleep (exec): the same process, never exiting in time
    Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> catchThrowable(() -> Processes.run(
        List.of("sh", "-c", "echo pid=$$; echo started; exec sleep 60"), Duration.ofSeconds(1))));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(failure).as("a timeout fails the run").isInstanceOf(IllegalStateException.class);
    assertThat(failure.getMessage()).contains("timed out after 1 s").contains("sh -c echo pid=$$")
        .contains("--- output so far ---").contains("started");
    assertThat(took).as("fails after the timeout, not after the command's 60 s").isLessThan(Duration.ofSeconds(15));
    Matcher pid = Pattern.compile("pid=(\\d+)").matcher(failure.getMessage());
    assertThat(pid.find()).as(failure.getMessage()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(Long.parseLong(pid.group(1)))
        .map(process -> !process.isAlive()).orElse(true));
  }

  @Test
  void theChildrenOfAHungCommandAreKilledToo() {
    // the shell waits for a background sleep that prints its own pid: both are killed on timeout
    Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> catchThrowable(() -> Processes.run(
        List.of("sh", "-c", "sh -c 'echo child=$$; exec sleep 60' & wait"), Duration.ofSeconds(1))));

    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("timed out after 1 s");
    Matcher child = Pattern.compile("child=(\\d+)").matcher(failure.getMessage());
    assertThat(child.find()).as(failure.getMessage()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(Long.parseLong(child.group(1)))
        .map(process -> !process.isAlive()).orElse(true));
  }

  @Test
  void aCommandThatFinishesGivesItsExitCodeAndBothOutputs() {
    Processes.Result result = Processes.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
        Duration.ofSeconds(30));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.output()).contains("out\n").contains("err\n");
    assertThatThrownBy(() -> Processes.succeed(List.of("sh", "-c", "echo broken; exit 3"), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("exit code 3").hasMessageContaining("broken");
  }

  @Test
  void moreOutputThanAPipeHoldsAndACommandReadingItsInputDoNotHang() {
    // 1 MiB of output (a pipe holds 64 KiB) and cat, which reads standard input until its end
    String output = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Processes.succeed(
        List.of("sh", "-c", "head -c 1048576 /dev/zero | tr '\\0' x; cat"), Duration.ofSeconds(20)));

    assertThat(output).hasSize(1 << 20).matches("x+");
  }

  @Test
  void aCommandThatCannotStartFailsWithItsName() {
    assertThatThrownBy(() -> Processes.run(List.of("/nonexistent/tool", "--version"), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot run /nonexistent/tool --version");
  }
}
