package io.chatlens.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSocketsTest {

  @TempDir
  Path dir;

  /**
   * Runs keytool with a timeout that can fire: its output goes to a file, not to a pipe read before
   * {@link Process#waitFor(long, TimeUnit)} (a read blocks until the tool exits, so a hung keytool would hang the
   * build), as the smoke tests' {@code Processes} does. On timeout the tool is killed and the test fails with its
   * output so far.
   */
  private void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(dir, "keytool", ".out");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    assertThat(exited).as("keytool exited within 60 s; output so far: %s", Files.readString(output)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(output)).isZero();
  }

  @Test
  void aPemCertificateOrAKeyStoreIsATrustStore() throws Exception {
    Path store = dir.resolve("ca.p12");
    Path pem = dir.resolve("ca.pem");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=test-ca",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", "changeit", "-file",
        pem.toString());

    assertThat(TlsSockets.trusting(pem, "")).isNotNull();
    assertThat(TlsSockets.trusting(store, "changeit")).isNotNull();
    assertThatThrownBy(() -> TlsSockets.trusting(store, "wrong")).isInstanceOf(Exception.class);
    Path garbage = dir.resolve("garbage.pem");
    Files.writeString(garbage, "not a certificate");
    assertThatThrownBy(() -> TlsSockets.trusting(garbage, "")).isInstanceOfAny(GeneralSecurityException.class,
        java.io.IOException.class);
  }

  @Test
  void everySocketChecksTheHostName() throws Exception {
    SSLSocketFactory factory = TlsSockets.checkingHostNames(null);
    try (SSLSocket socket = (SSLSocket) factory.createSocket()) {
      assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }
  }
}
