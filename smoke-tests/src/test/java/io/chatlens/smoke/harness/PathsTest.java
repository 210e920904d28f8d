package io.chatlens.smoke.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the JDK 25 for the Java 25 tests: by its release file, Maven toolchains or an explicit setting. */
class PathsTest {

  @TempDir
  Path dir;

  private Path jdk(String name, String version) throws IOException {
    Path home = dir.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @Test
  void aJdkIsRecognisedByTheVersionInItsReleaseFileWhateverItsDirectoryName() throws IOException {
    assertThat(Paths.isJdk(jdk("some-jdk-arm64", "25.0.3"), 25)).isTrue();
    assertThat(Paths.isJdk(jdk("early", "25-ea"), 25)).isTrue();
    assertThat(Paths.isJdk(jdk("plain", "25"), 25)).isTrue();
    assertThat(Paths.isJdk(jdk("temurin-25-looking-name", "17.0.15"), 25)).isFalse();
    assertThat(Paths.isJdk(jdk("later", "250.1"), 25)).isFalse();
    assertThat(Paths.isJdk(dir.resolve("missing"), 25)).isFalse();
  }

  @Test
  void mavenToolchainsNameJdkHomesByVersion() throws IOException {
    Path toolchains = Files.writeString(dir.resolve("toolchains.xml"), """
        <toolchains>
          <toolchain><type>jdk</type><provides><version>17</version></provides>
            <configuration><jdkHome>/jdks/17</jdkHome></configuration></toolchain>
          <toolchain><type>jdk</type><provides><version>25.0.3</version><vendor>temurin</vendor></provides>
            <configuration><jdkHome> /jdks/25 </jdkHome></configuration></toolchain>
          <toolchain><type>netbeans</type><provides><version>25</version></provides>
            <configuration><jdkHome>/not/a/jdk</jdkHome></configuration></toolchain>
        </toolchains>
        """);

    assertThat(Paths.toolchainJdks(toolchains, "25")).containsExactly(Path.of("/jdks/25"));
    assertThat(Paths.toolchainJdks(dir.resolve("absent.xml"), "25")).isEmpty();
  }

  @Test
  void anExplicitSettingIsUsedAndAWrongOneFailsClearly() throws IOException {
    Path jdk25 = jdk("my-jdk", "25.0.1");
    Path jdk17 = jdk("old-jdk", "17.0.15");
    String previous = System.getProperty(Paths.JDK25_PROPERTY);
    try {
      System.setProperty(Paths.JDK25_PROPERTY, jdk25.toString());
      assertThat(Paths.java25()).isEqualTo(jdk25);

      System.setProperty(Paths.JDK25_PROPERTY, jdk17.toString());
      assertThatThrownBy(Paths::java25).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("-Dchatlens.jdk25.home=" + jdk17).hasMessageContaining("is not a JDK 25");
    } finally {
      if (previous == null) {
        System.clearProperty(Paths.JDK25_PROPERTY);
      } else {
        System.setProperty(Paths.JDK25_PROPERTY, previous);
      }
    }
  }
}
