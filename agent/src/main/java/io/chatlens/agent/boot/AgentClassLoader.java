package io.chatlens.agent.boot;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The isolated class loader that holds everything of the agent but its entry point and bridge.
 *
 * <p>Agent classes are stored in the jar under {@code inst/} with a {@code .classdata} suffix, so the
 * system class loader (which has the agent jar on its class path) can never load them, and neither can
 * any application class loader. The parent is the platform class loader: the agent sees the JDK and the
 * bootstrap bridge, never the application's class path.
 */
public final class AgentClassLoader extends ClassLoader {

  static final String PREFIX = "inst/";
  private static final String CLASS_SUFFIX = ".classdata";
  private static final String BRIDGE_PACKAGE = "io.chatlens.bootstrap.";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain protectionDomain;

  public AgentClassLoader(File jarFile) throws IOException {
    super("chatlens", ClassLoader.getPlatformClassLoader());
    this.jar = new JarFile(jarFile, false);
    URL location = jarFile.toURI().toURL();
    this.jarUrl = "jar:" + location + "!/";
    this.protectionDomain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + CLASS_SUFFIX);
    if (entry == null && name.startsWith(BRIDGE_PACKAGE)) {
      // Only reached when the bridge is not on the bootstrap class path, as in command-line mode.
      entry = jar.getJarEntry(name.replace('.', '/') + ".class");
    }
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = readAll(in, (int) entry.getSize());
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageOf(name);
    return defineClass(name, bytes, 0, bytes.length, protectionDomain);
  }

  @Override
  protected URL findResource(String name) {
    String path = PREFIX + (name.startsWith("/") ? name.substring(1) : name);
    if (path.endsWith(".class")) {
      // Byte Buddy reads advice and agent classes as resources; they are stored as .classdata.
      path = path.substring(0, path.length() - ".class".length()) + CLASS_SUFFIX;
    }
    if (jar.getJarEntry(path) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + path);
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
  }

  private void definePackageOf(String className) {
    int dot = className.lastIndexOf('.');
    if (dot <= 0) {
      return;
    }
    String packageName = className.substring(0, dot);
    if (getDefinedPackage(packageName) == null) {
      try {
        definePackage(packageName, null, null, null, null, null, null, null);
      } catch (IllegalArgumentException alreadyDefinedConcurrently) {
        // another thread won the race; that is fine
      }
    }
  }

  private static byte[] readAll(InputStream in, int sizeHint) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint > 0 ? sizeHint : 8192);
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
