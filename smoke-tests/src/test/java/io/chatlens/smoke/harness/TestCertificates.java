package io.chatlens.smoke.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate for {@code localhost} only (no IP address), made with the JDK's keytool:
 * the key store for a test server and the certificate alone as PEM, for the agent's trust store.
 */
public final class TestCertificates {

  public static final String PASSWORD = "changeit";

  private final Path keyStore;
  private final Path certificate;

  private TestCertificates(Path keyStore, Path certificate) {
    this.keyStore = keyStore;
    this.certificate = certificate;
  }

  public static TestCertificates forLocalhost(Path directory) throws IOException, InterruptedException {
    Path keyStore = directory.resolve("smtp-server.p12");
    Path certificate = directory.resolve("smtp-ca.pem");
    keytool("-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "smtp", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
        "-file", certificate.toString());
    return new TestCertificates(keyStore, certificate);
  }

  /** The PKCS12 key store with the server's key and certificate (password {@link #PASSWORD}). */
  public Path keyStore() {
    return keyStore;
  }

  /** The server's certificate alone, PEM. */
  public Path certificate() {
    return certificate;
  }

  public SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Processes.Result result = Processes.run(command, java.time.Duration.ofSeconds(60));
    if (result.exitCode() != 0) {
      throw new IOException("keytool failed: " + command + "\n" + result.output());
    }
  }
}
