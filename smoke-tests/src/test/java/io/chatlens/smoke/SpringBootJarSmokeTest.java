package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.OtlpReceiver.ReceivedSpan;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chatbot packaged the way Spring Boot's build plugins package one: an executable jar whose launcher
 * ({@code org.springframework.boot.loader.launch.JarLauncher} of spring-boot-loader 4.0.7) loads the application from
 * {@code BOOT-INF/classes} and its libraries (H2 here) from jars nested, uncompressed, in {@code BOOT-INF/lib}. The
 * agent instruments the classes that class loader defines from agent.properties alone, JDBC included, and the
 * chatbot's output is unchanged.
 */
class SpringBootJarSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

  @TempDir
  Path dir;

  @Test
  void theNestedJarLauncherLoadsTheChatbotAndTheAgentInstrumentsItAsOnAPlainClassPath() throws Exception {
    Path jar = bootJar(dir.resolve("helpdesk-boot.jar"));
    String plainOutput;
    try (RunningJvm jvm = AgentJvm.jar(jar).withoutAgent().start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      plainOutput = jvm.stdout();
    }
    assertThat(plainOutput).as("the launcher ran the chatbot").contains("live conversations 0")
        .contains("hostile exception reached the caller unchanged: true");

    Path config = Paths.testClasses().resolve("helpdesk/agent.properties");
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm jvm = AgentJvm.jar(jar).agentOptions("config=" + config).exportTo(receiver)
            .property("otel.service.name", "helpdesk-boot").start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      assertThat(jvm.stdout()).as("application output with the agent").isEqualTo(plainOutput);
      assertThat(jvm.stderr()).doesNotContain("[chatlens] ERROR").doesNotContain("matched no class");

      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Spans.ofComponent(
          Spans.ofService(receiver.spans(), "helpdesk-boot"), "turn")).hasSize(9));
      List<ReceivedSpan> spans = Spans.ofService(receiver.spans(), "helpdesk-boot");
      for (String component : List.of("turn", "session", "parser", "search", "database", "errors")) {
        assertThat(Spans.ofComponent(spans, component)).as(component + " spans from BOOT-INF/classes").isNotEmpty();
      }
      List<ReceivedSpan> jdbc = Spans.ofComponent(spans, "jdbc");
      assertThat(jdbc).as("JDBC spans of H2, loaded from BOOT-INF/lib/h2-*.jar").isNotEmpty()
          .allSatisfy(span -> assertThat(span.attribute("db.system.name")).isEqualTo("h2database"));
      assertThat(Spans.named(spans, "ConversationRegistry.open")).hasSize(2)
          .allSatisfy(span -> assertThat(span.attribute("session.id")).startsWith("conv-"));
      assertThat(spans.get(0).resourceAttribute("service.version")).as("the executable jar's Implementation-Version")
          .isEqualTo("1.4.0");
    }
  }

  /**
   * What spring-boot-maven-plugin's repackage goal writes: the loader's classes at the root, the application under
   * BOOT-INF/classes/, each library jar stored (not deflated) under BOOT-INF/lib/, and a manifest naming both.
   */
  private static Path bootJar(Path jar) throws IOException {
    List<Path> loader = Paths.isolationLibs("spring-boot-loader");
    assertThat(loader).as("spring-boot-loader, copied by the build").isNotEmpty();
    List<Path> h2 = Paths.demoDependencies().stream()
        .filter(path -> path.getFileName().toString().startsWith("h2-")).toList();
    assertThat(h2).as("the H2 jar of the demo class path").isNotEmpty();

    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, LAUNCHER);
    main.putValue("Start-Class", "org.acme.helpdesk.HelpdeskApp");
    main.putValue("Spring-Boot-Version", "4.0.7");
    main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
    main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
    main.put(Attributes.Name.IMPLEMENTATION_VERSION, "1.4.0");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      try (JarFile loaderJar = new JarFile(loader.get(0).toFile())) {
        for (JarEntry entry : java.util.Collections.list(loaderJar.entries())) {
          if (!entry.getName().startsWith("META-INF/") && !entry.isDirectory()) {
            out.putNextEntry(new JarEntry(entry.getName()));
            try (InputStream in = loaderJar.getInputStream(entry)) {
              in.transferTo(out);
            }
            out.closeEntry();
          }
        }
      }
      // directories have entries too, as in every jar a build tool writes: the launcher opens BOOT-INF/classes/ as one
      for (String directory : List.of("BOOT-INF/", "BOOT-INF/classes/", "BOOT-INF/classes/org/",
          "BOOT-INF/classes/org/acme/", "BOOT-INF/classes/org/acme/helpdesk/", "BOOT-INF/lib/")) {
        out.putNextEntry(new JarEntry(directory));
        out.closeEntry();
      }
      Path classes = Paths.testClasses();
      try (Stream<Path> files = Files.walk(classes.resolve("org/acme/helpdesk"))) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          out.putNextEntry(new JarEntry("BOOT-INF/classes/" + classes.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
      for (Path library : h2) {
        stored(out, "BOOT-INF/lib/" + library.getFileName(), Files.readAllBytes(library));
      }
    }
    return jar;
  }

  /** Nested jars must be stored: the launcher reads them in place, without inflating the outer jar. */
  private static void stored(OutputStream stream, String name, byte[] bytes) throws IOException {
    JarOutputStream out = (JarOutputStream) stream;
    JarEntry entry = new JarEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }
}
