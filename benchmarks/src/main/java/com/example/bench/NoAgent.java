package com.example.bench;

import org.openjdk.jmh.annotations.Fork;

/** The baseline: the scenarios of {@link Overhead} in a JVM without the agent. */
@Fork(value = 1, jvmArgsAppend = {Overhead.HEAP_MIN, Overhead.HEAP_MAX})
public class NoAgent extends Overhead {

  @Override
  void checkEnvironment() {
    AgentCheck.requireNoAgent();
  }
}
