package io.chatlens.agent;

import io.chatlens.agent.diagnostics.Diagnostics;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the agent's background code away from the C2 compiler and its request path small in compiled code
 * ({@code chatlens.jit.light-background}).
 *
 * <p>On a two-core machine the JIT is the largest start-up cost of an agent: measured on the demo chatbot under load,
 * the compiler queue stays full for the first half minute, and every second C2 spends on the agent's code is taken
 * from the application's hot code and the request threads. Code that runs once or rarely (weaving, configuration
 * parsing, the alert engine) gains nothing from C2, so C1 (which compiles about ten times faster) is enough for it.
 *
 * <p>The hint is a HotSpot compiler directive (JEP 165), added at run time through the {@code compilerDirectivesAdd}
 * diagnostic command, the same as {@code jcmd PID Compiler.directives_add FILE}. The command is reached through the
 * JDK's diagnostic-command bean directly, so the platform MBean server is not created (an application that installs
 * its own MBean server builder later still can). Anything unavailable (another JVM, a JDK without the command) leaves
 * compilation as it is; the application never notices.
 */
final class JitHints {

  /**
   * Two directives.
   *
   * <p>The first: the agent's one-shot code: Byte Buddy (it weaves classes as they load), configuration parsing (the
   * agent's, Logback's Joran and the SDK's autoconfigure), the command line, the alert engine, the endpoint and the
   * Sentry export (run every few seconds at most), on C1 only. Class patterns are prefixes. The code that runs for
   * every call or every event stays eligible for C2: the request path, the SDK, the log writer, redaction and the OTLP
   * marshalers. Measured (benchmarks/overhead): excluding those too made the steady state slower than it saved at
   * start-up.
   *
   * <p>The second: the instrumentation's request path (the dispatcher every woven method calls and the component
   * handlers) is compiled without inlining other ChatLens code into it. The dispatcher calls the handler of each
   * component from several places, and C2 inlined each handler, and the SDK's span builder under it, into every one
   * of them: the dispatcher alone was compiled three times to 140 KB of machine code. With the directive the
   * instrumentation's C2 code halves (1 007 KB to 513 KB over the same cold run, JFR {@code jdk.Compilation}); every
   * handler and SDK method is compiled once, on its own, and reached by a call. The JDK methods they use are still
   * inlined. Applied to all of the agent's code, the same rule halved its C2 code too but slowed the request path
   * and the export threads in JMH and {@code LoadRun}, so it is kept to the instrumentation.
   */
  static final String DIRECTIVES = "[{ match: [\"io/chatlens/shaded/net/*.*\", "
      + "\"io/chatlens/shaded/ch/qos/logback/classic/joran/*.*\", \"io/chatlens/shaded/ch/qos/logback/core/joran/*.*\", "
      + "\"io/chatlens/shaded/ch/qos/logback/core/model/*.*\", \"io/chatlens/agent/config/*.*\", "
      + "\"io/chatlens/agent/boot/*.*\", \"io/chatlens/agent/cli/*.*\", \"io/chatlens/agent/alerts/*.*\", "
      + "\"io/chatlens/agent/endpoint/*.*\", \"io/chatlens/agent/install/*.*\", "
      + "\"io/chatlens/agent/sentry/*.*\", \"io/chatlens/shaded/io/sentry/*.*\", "
      + "\"io/chatlens/shaded/io/opentelemetry/sdk/autoconfigure/*.*\"], c2: { Exclude: true } }, "
      + "{ match: [\"io/chatlens/instrumentation/*.*\"], inline: [\"-io/chatlens/*.*\"] }]";

  /** How many directives {@link #DIRECTIVES} holds (the JVM's answer names the number it added). */
  static final int DIRECTIVE_COUNT = 2;

  private JitHints() {}

  /** Adds the directive; returns whether the JVM accepted it. Never throws. */
  static boolean apply(Instrumentation instrumentation) {
    Path file = null;
    try {
      java.util.List<String> flags = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
      for (String flag : flags) {
        if (flag.equals("-XX:-TieredCompilation") || flag.startsWith("-XX:TieredStopAtLevel")
            || flag.equals("-XX:+UseJVMCICompiler") || flag.equals("-Xint")) {
          // without C1 and C2 as the usual two tiers, excluding C2 could leave Byte Buddy interpreted
          Diagnostics.debug("JIT hint not applied: " + flag);
          return false;
        }
      }
      // initialising the provider loads the native part of jdk.management that the command bean calls into
      Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl", true, null);
      Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl", false, null);
      Module agentModule = JitHints.class.getModule();
      if (!impl.getModule().isOpen(impl.getPackageName(), agentModule)) {
        instrumentation.redefineModule(impl.getModule(), Set.of(), Map.of(),
            Map.of(impl.getPackageName(), Set.of(agentModule)), Set.of(), Map.of());
      }
      Method factory = impl.getDeclaredMethod("getDiagnosticCommandMBean");
      factory.setAccessible(true);
      Object bean = factory.invoke(null);
      file = Files.createTempFile("chatlens-jit-", ".json");
      Files.writeString(file, DIRECTIVES, StandardCharsets.UTF_8);
      Method invoke = bean.getClass().getMethod("invoke", String.class, Object[].class, String[].class);
      invoke.setAccessible(true);
      Object answer = invoke.invoke(bean, "compilerDirectivesAdd", new Object[] {new String[] {file.toString()}},
          new String[] {String[].class.getName()});
      String text = String.valueOf(answer);
      boolean accepted = text.contains(DIRECTIVE_COUNT + " compiler directives added");
      Diagnostics.debug("JIT hint: " + text.trim());
      return accepted;
    } catch (Throwable unavailable) {
      Throwable cause = unavailable instanceof java.lang.reflect.InvocationTargetException wrapped && wrapped.getCause() != null
          ? wrapped.getCause() : unavailable;
      Diagnostics.debug("JIT hint not applied: " + cause);
      return false;
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (Exception ignored) {
          // a temp file left behind
        }
      }
    }
  }
}
