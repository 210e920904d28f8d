package io.chatlens.smoke.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the build put the things the smoke tests need; set by the smoke-tests pom. */
public final class Paths {

  private Paths() {}

  public static Path agentJar() {
    Path jar = Path.of(required("chatlens.agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the build from the repository root (mvn -B verify)");
    }
    return jar;
  }

  public static Path repoRoot() {
    return Path.of(required("chatlens.repo.root")).normalize();
  }

  /** The smoke-tests module's compiled test classes (the probe apps live there). */
  public static Path testClasses() {
    return Path.of(System.getProperty("user.dir")).resolve("target/test-classes");
  }

  /** The demo chatbot's compiled classes. */
  public static Path demoClasses() {
    return Path.of(required("chatlens.demo.classes"));
  }

  /** The demo chatbot's runtime dependencies (H2, HikariCP, SLF4J, Logback). */
  public static List<Path> demoDependencies() {
    try {
      String text = Files.readString(Path.of(required("chatlens.demo.classpath.file"))).trim();
      List<Path> entries = new ArrayList<>();
      for (String entry : text.split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(Path.of(entry));
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jars of one isolation library set, e.g. {@code logback12}. */
  public static List<Path> isolationLibs(String set) {
    Path directory = Path.of(required("chatlens.isolation.libs")).resolve(set);
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Temurin 25 JDK, when this machine has it. */
  public static Path java25() {
    return Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
  }

  public static boolean hasJava25() {
    return Files.isExecutable(java25().resolve("bin/java"));
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set; run through Maven");
    }
    return value;
  }
}
