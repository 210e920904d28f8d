package io.chatlens.smoke.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A missing tool fails the test with one message naming the package and how to install it; nothing is installed. */
class DebianPackagesTest {

  @Test
  void aMissingToolFailsNamingItsPackageAndCiRun() {
    assertThatThrownBy(() -> DebianPackages.command("chatlens-no-such-tool", "chatlens-no-such-package"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("chatlens-no-such-tool is not installed")
        .hasMessageContaining("Debian's chatlens-no-such-package package")
        .hasMessageContaining(".ci/run installs")
        .hasMessageContaining("apt-get install -y chatlens-no-such-package");
  }

  @Test
  void anInstalledToolIsFoundOnThePath() {
    assertThat(DebianPackages.command("sh", "dash")).isExecutable();
  }
}
