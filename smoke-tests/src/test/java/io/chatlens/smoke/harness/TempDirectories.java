package io.chatlens.smoke.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Working directories of the JVMs the tests start. They are read after those JVMs exit (log files), so they
 * are deleted when the test JVM itself exits.
 */
public final class TempDirectories {

  private static final List<Path> CREATED = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TempDirectories::deleteAll, "delete-smoke-directories"));
  }

  private TempDirectories() {}

  /** A new directory under java.io.tmpdir, deleted with everything in it when the test JVM exits. */
  public static synchronized Path create(String prefix) throws IOException {
    Path directory = Files.createTempDirectory(prefix);
    CREATED.add(directory);
    return directory;
  }

  private static synchronized void deleteAll() {
    for (Path directory : CREATED) {
      try (Stream<Path> tree = Files.walk(directory)) {
        tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException ignored) {
        // best effort: a file still held open by a process that was killed
      }
    }
  }
}
