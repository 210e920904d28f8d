package io.chatlens.agent.alerts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS sockets for the SMTP server: trusting the JDK's CAs or those of a configured trust store
 * ({@code chatlens.alerts.email.trust-store}), and always checking that the certificate names the host
 * (endpoint identification, as HTTPS does), on top of Angus Mail's own server identity check.
 */
final class TlsSockets {

  private TlsSockets() {}

  /**
   * A socket factory trusting only the certificates of this file: PEM or DER X.509 certificates, or a
   * PKCS12 or JKS key store (with its password, which may be empty).
   */
  static SSLSocketFactory trusting(Path file, String password) throws IOException, GeneralSecurityException {
    byte[] bytes = Files.readAllBytes(file);
    KeyStore store = certificates(bytes);
    if (store == null) {
      store = KeyStore.getInstance(file.toFile(), password == null ? new char[0] : password.toCharArray());
    }
    if (store.size() == 0) {
      throw new GeneralSecurityException("no certificate in " + file);
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static KeyStore certificates(byte[] bytes) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (CertificateException notCertificates) {
      return null;
    }
    if (certificates.isEmpty()) {
      return null;
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int index = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + index++, certificate);
    }
    return store;
  }

  /** This factory (or the JDK's default one when {@code null}), with host name checking on every socket. */
  static SSLSocketFactory checkingHostNames(SSLSocketFactory factory) {
    return new HostChecking(factory == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : factory);
  }

  /** Turns on endpoint identification (the HTTPS host name rules of RFC 2818/6125) on every socket. */
  private static final class HostChecking extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    HostChecking(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    private static Socket checking(Socket socket) {
      if (socket instanceof SSLSocket tls) {
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
      }
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return checking(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
      return checking(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return checking(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return checking(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return checking(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return checking(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
