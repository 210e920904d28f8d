package io.chatlens.agent.boot;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.jar.JarFile;

/**
 * The entry point named in the manifest as Premain-Class, Agent-Class and Main-Class.
 *
 * <p>Uses only the JDK. It appends the jar's bootstrap bridge to the bootstrap class loader, then
 * starts the real agent inside an {@link AgentClassLoader}, so none of the agent's libraries are ever
 * visible to the application. Whatever goes wrong here, the application keeps running.
 */
public final class ChatLensAgent {

  private static final String STARTER = "io.chatlens.agent.AgentStarter";
  private static final String CLI = "io.chatlens.agent.cli.CommandLine";

  private static boolean started;

  private ChatLensAgent() {}

  /** {@code -javaagent:chatlens-agent.jar[=options]} */
  public static void premain(String options, Instrumentation instrumentation) {
    start(options, instrumentation, false);
  }

  /** Attach to a running JVM: {@code java -jar chatlens-agent.jar attach <pid> [options]}. */
  public static void agentmain(String options, Instrumentation instrumentation) {
    start(options, instrumentation, true);
  }

  /** {@code java -jar chatlens-agent.jar <command>}. */
  public static void main(String[] args) {
    if (args.length > 0 && "attach".equals(args[0])) {
      System.exit(AttachCommand.run(args));
      return;
    }
    try {
      File jar = AgentJar.locate();
      AgentClassLoader loader = new AgentClassLoader(jar);
      Method main = loader.loadClass(CLI).getMethod("run", String[].class);
      int status = (Integer) main.invoke(null, (Object) args);
      System.exit(status);
    } catch (Throwable failure) {
      System.err.println("chatlens: " + rootCause(failure));
      System.exit(2);
    }
  }

  private static synchronized void start(String options, Instrumentation instrumentation, boolean attached) {
    if (started) {
      System.err.println("[chatlens] WARN the agent is already running in this JVM; ignoring the second start");
      return;
    }
    started = true;
    try {
      String disabledBy = EarlySwitch.disabledBy(options);
      if (disabledBy != null) {
        System.err.println("[chatlens] INFO agent disabled by chatlens.enabled=false (" + disabledBy + "); nothing was installed");
        return;
      }
      File jar = AgentJar.locate();
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      AgentClassLoader loader = new AgentClassLoader(jar);
      Method starter = loader.loadClass(STARTER)
          .getMethod("start", Instrumentation.class, String.class, boolean.class, File.class);
      starter.invoke(null, instrumentation, options, attached, jar);
    } catch (Throwable failure) {
      System.err.println("[chatlens] ERROR the agent failed to start; the application continues without it: "
          + rootCause(failure));
    }
  }

  private static String rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
