package io.chatlens.agent.report;

import java.io.PrintStream;
import java.lang.reflect.Method;

/** Calls the package-private report command of the CLI. */
final class ReportCommandAccess {

  private ReportCommandAccess() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Class<?> command = Class.forName("io.chatlens.agent.cli.ReportCommand");
      Method run = command.getDeclaredMethod("run", String[].class, PrintStream.class, PrintStream.class);
      run.setAccessible(true);
      return (int) run.invoke(null, args, out, err);
    } catch (ReflectiveOperationException failure) {
      throw new AssertionError(failure);
    }
  }
}
