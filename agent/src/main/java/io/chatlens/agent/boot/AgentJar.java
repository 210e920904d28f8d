package io.chatlens.agent.boot;

import java.io.File;
import java.net.URISyntaxException;
import java.security.CodeSource;

/** Finds the agent jar this class was loaded from. */
final class AgentJar {

  private AgentJar() {}

  static File locate() {
    CodeSource source = ChatLensAgent.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot locate chatlens-agent.jar: no code source");
    }
    try {
      File file = new File(source.getLocation().toURI());
      if (!file.isFile()) {
        throw new IllegalStateException("chatlens-agent.jar is not a file: " + file);
      }
      return file;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate chatlens-agent.jar: " + source.getLocation(), e);
    }
  }
}
