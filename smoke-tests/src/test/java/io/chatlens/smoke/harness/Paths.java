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

  /** Where a JDK 25 may be named explicitly: this system property, else this environment variable. */
  public static final String JDK25_PROPERTY = "chatlens.jdk25.home";
  public static final String JDK25_VARIABLE = "CHATLENS_JDK25_HOME";

  /** Directories whose subdirectories are scanned for installed JDKs. */
  private static final List<Path> JDK_PARENTS = List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/lib64/jvm"),
      Path.of("/usr/java"), Path.of("/opt/java"), Path.of("/opt"));

  /**
   * A JDK 25 for the tests that prove the agent works on Java 25, whatever the machine's architecture: the one named
   * by {@code -Dchatlens.jdk25.home} or {@code CHATLENS_JDK25_HOME}, else one declared in Maven's
   * {@code ~/.m2/toolchains.xml} (type {@code jdk}, version 25), else one installed under {@code /usr/lib/jvm}
   * (or {@code /usr/lib64/jvm}, {@code /usr/java}, {@code /opt/java}, {@code /opt}), recognised by the
   * {@code JAVA_VERSION="25...} line of its {@code release} file.
   *
   * @throws IllegalStateException when there is none (the test must fail, not be skipped), saying how to provide one
   */
  public static Path java25() {
    String named = System.getProperty(JDK25_PROPERTY);
    String origin = "-D" + JDK25_PROPERTY;
    if (named == null || named.isBlank()) {
      named = System.getenv(JDK25_VARIABLE);
      origin = JDK25_VARIABLE;
    }
    if (named != null && !named.isBlank()) {
      Path home = Path.of(named.strip());
      if (!isJdk(home, 25)) {
        throw new IllegalStateException(origin + "=" + named + " is not a JDK 25: expected " + home.resolve("bin/java")
            + " and a release file with JAVA_VERSION=\"25...\"");
      }
      return home;
    }
    List<Path> candidates = new ArrayList<>(toolchainJdks(Path.of(System.getProperty("user.home"), ".m2",
        "toolchains.xml"), "25"));
    for (Path parent : JDK_PARENTS) {
      if (Files.isDirectory(parent)) {
        try (Stream<Path> children = Files.list(parent)) {
          children.sorted().forEach(candidates::add);
        } catch (IOException e) {
          // an unreadable directory holds no JDK we can use
        }
      }
    }
    return candidates.stream().filter(home -> isJdk(home, 25)).findFirst().orElseThrow(() -> new IllegalStateException(
        "no JDK 25 found, and the tests must prove the agent works on Java 25. Provide one: set " + JDK25_VARIABLE
            + "=/path/to/jdk-25 (or -D" + JDK25_PROPERTY + "=...), declare it in ~/.m2/toolchains.xml (type jdk,"
            + " version 25), or install one under /usr/lib/jvm; .ci/run installs Temurin 25 when none is found."
            + " Looked in ~/.m2/toolchains.xml and " + JDK_PARENTS));
  }

  /** Whether {@code home} is a JDK of that feature version, by its {@code release} file and {@code bin/java}. */
  static boolean isJdk(Path home, int feature) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return false;
    }
    try {
      return Files.readAllLines(release).stream().map(String::strip)
          .anyMatch(line -> line.matches("JAVA_VERSION=\"" + feature + "([.+\\-].*)?\""));
    } catch (IOException e) {
      return false;
    }
  }

  /** The {@code jdkHome} of every JDK toolchain of that version in a Maven toolchains file (none if absent). */
  static List<Path> toolchainJdks(Path toolchainsXml, String version) {
    List<Path> homes = new ArrayList<>();
    if (!Files.isRegularFile(toolchainsXml)) {
      return homes;
    }
    try {
      javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      org.w3c.dom.NodeList toolchains = factory.newDocumentBuilder().parse(toolchainsXml.toFile())
          .getElementsByTagName("toolchain");
      for (int i = 0; i < toolchains.getLength(); i++) {
        org.w3c.dom.Element toolchain = (org.w3c.dom.Element) toolchains.item(i);
        String type = text(toolchain, "type");
        String provided = text(toolchain, "version");
        String home = text(toolchain, "jdkHome");
        if ("jdk".equals(type) && provided != null && home != null
            && (provided.equals(version) || provided.startsWith(version + "."))) {
          homes.add(Path.of(home));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(toolchainsXml + " cannot be read: " + e.getMessage(), e);
    }
    return homes;
  }

  private static String text(org.w3c.dom.Element parent, String tag) {
    org.w3c.dom.NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set; run through Maven");
    }
    return value;
  }
}
