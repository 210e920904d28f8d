package io.chatlens.smoke.harness;

import java.nio.file.Path;
import java.time.Duration;

/** Runs {@code java -jar chatlens-agent.jar <args>}. */
public final class AgentCli {

  /** What the command printed and returned. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private AgentCli() {}

  public static Result run(Path workingDirectory, String... args) throws Exception {
    AgentJvm jvm = AgentJvm.jar(Paths.agentJar()).withoutAgent().args(args);
    if (workingDirectory != null) {
      jvm.workingDirectory(workingDirectory);
    }
    try (RunningJvm running = jvm.start()) {
      int code = running.waitForExit(Duration.ofSeconds(60));
      return new Result(code, running.stdout(), running.stderr());
    }
  }
}
