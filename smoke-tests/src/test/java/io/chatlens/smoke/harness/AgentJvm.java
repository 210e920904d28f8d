package io.chatlens.smoke.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the command line of a separate JVM that runs with {@code -javaagent:chatlens-agent.jar}, the
 * way a user starts their chatbot.
 */
public final class AgentJvm {

  private final List<String> classpath = new ArrayList<>();
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private String mainClass;
  private String jar;
  private String agentOptions;
  private boolean withAgent = true;
  private Path workingDirectory;
  private Path javaHome = Path.of(System.getProperty("java.home"));

  public static AgentJvm main(String mainClass) {
    AgentJvm jvm = new AgentJvm();
    jvm.mainClass = mainClass;
    return jvm;
  }

  public static AgentJvm jar(Path jar) {
    AgentJvm jvm = new AgentJvm();
    jvm.jar = jar.toString();
    return jvm;
  }

  public AgentJvm classpath(Path... entries) {
    for (Path entry : entries) {
      classpath.add(entry.toString());
    }
    return this;
  }

  public AgentJvm classpath(List<Path> entries) {
    return classpath(entries.toArray(new Path[0]));
  }

  public AgentJvm withoutAgent() {
    withAgent = false;
    return this;
  }

  public AgentJvm agentOptions(String options) {
    this.agentOptions = options;
    return this;
  }

  public AgentJvm property(String key, String value) {
    systemProperties.put(key, value);
    return this;
  }

  public AgentJvm env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  public AgentJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  public AgentJvm args(String... values) {
    args.addAll(List.of(values));
    return this;
  }

  /** Replaces the program arguments. */
  public AgentJvm withArgsReplacedBy(String... values) {
    args.clear();
    return args(values);
  }

  public AgentJvm workingDirectory(Path directory) {
    this.workingDirectory = directory;
    return this;
  }

  public AgentJvm javaHome(Path home) {
    this.javaHome = home;
    return this;
  }

  /** Sends every signal to this OTLP/HTTP receiver and shortens export intervals. */
  public AgentJvm exportTo(OtlpReceiver receiver) {
    return property("otel.exporter.otlp.endpoint", receiver.endpoint())
        .property("otel.exporter.otlp.protocol", "http/protobuf")
        .property("otel.bsp.schedule.delay", "100ms")
        .property("otel.blrp.schedule.delay", "100ms")
        .property("otel.metric.export.interval", "500ms");
  }

  /** Points every exporter at a closed port. */
  public AgentJvm exportNowhere() {
    return property("otel.exporter.otlp.endpoint", "http://127.0.0.1:9");
  }

  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    if (withAgent) {
      command.add("-javaagent:" + Paths.agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
    }
    command.addAll(jvmArgs);
    for (Map.Entry<String, String> property : systemProperties.entrySet()) {
      command.add("-D" + property.getKey() + "=" + property.getValue());
    }
    if (jar != null) {
      command.add("-jar");
      command.add(jar);
    } else {
      if (!classpath.isEmpty()) {
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
      }
      command.add(mainClass);
    }
    command.addAll(args);
    return command;
  }

  public RunningJvm start() throws IOException {
    Path directory = workingDirectory != null ? workingDirectory : TempDirectories.create("chatlens-smoke");
    ProcessBuilder builder = new ProcessBuilder(command()).directory(directory.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("CHATLENS_") || key.startsWith("OTEL_"));
    builder.environment().putAll(environment);
    return new RunningJvm(builder.start(), directory, command());
  }
}
