package io.chatlens.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatlens.smoke.harness.AgentJvm;
import io.chatlens.smoke.harness.OtlpReceiver;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.RunningJvm;
import io.chatlens.smoke.harness.Spans;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An application started with java -jar gets its jar's Implementation-Version as service.version. */
class ApplicationJarSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

  @Test
  void anApplicationJarGivesItsVersionToTheResource(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path jar = dir.resolve("remote-parent-app.jar");
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "com.example.probe.RemoteParentChatService");
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.IMPLEMENTATION_VERSION, "3.2.1");
    String entry = "com/example/probe/RemoteParentChatService.class";
    try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(
        java.nio.file.Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new java.util.jar.JarEntry(entry));
      out.write(java.nio.file.Files.readAllBytes(Paths.testClasses().resolve(entry)));
      out.closeEntry();
    }
    try (OtlpReceiver receiver = new OtlpReceiver();
        RunningJvm jvm = AgentJvm.jar(jar).args(TRACE_ID, PARENT_SPAN_ID).exportTo(receiver)
            .property("otel.service.name", "versioned").start()) {
      assertThat(jvm.waitForExit(TIMEOUT)).as(jvm.describe()).isZero();
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
          Spans.named(receiver.spans(), "RemoteParentChatService.handle").get(0).resourceAttribute("service.version"))
          .isEqualTo("3.2.1"));
    }
  }
}
