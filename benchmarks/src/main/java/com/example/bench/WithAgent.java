package com.example.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The scenarios of {@link Overhead} in a JVM started with the ChatLens agent.
 *
 * <p>{@code @Fork} arguments are compile-time constants, so the paths are relative to the working
 * directory, which forked JVMs inherit: {@code benchmarks/run.sh} runs from {@code benchmarks/} and first
 * copies the agent jar it was given (by default {@code agent/target/chatlens-agent.jar}) to
 * {@code benchmarks/target/chatlens-agent.jar}. Spans and metrics go to OTLP on a closed port (export runs
 * in the background and fails there); the structured log goes to {@code benchmarks/target/chatlens-bench-logs}.
 * The trial fails unless the agent is active and has woven the benchmark classes.
 */
@Fork(value = 1, jvmArgsAppend = {Overhead.HEAP_MIN, Overhead.HEAP_MAX,
    "-javaagent:" + WithAgent.AGENT_JAR,
    "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:9",
    "-Dchatlens.log.dir=" + WithAgent.LOG_DIR,
    "-Dchatlens.banner=false"})
public class WithAgent extends Overhead {

  /** Relative to the working directory (benchmarks/). */
  static final String AGENT_JAR = "target/chatlens-agent.jar";
  static final String LOG_DIR = "target/chatlens-bench-logs";

  @Override
  void checkEnvironment() throws Exception {
    AgentCheck.requireAgentWeaving(chat);
  }

  @Override
  void afterTrial() throws Exception {
    AgentCheck.reportAndClean(pacedCalls);
  }
}
