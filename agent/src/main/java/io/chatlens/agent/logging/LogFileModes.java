package io.chatlens.agent.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;

/**
 * The permissions of what the agent creates in the log directory ({@code chatlens.log.file-mode}, 0640, and
 * {@code chatlens.log.dir-mode}, 0750), set exactly whatever the umask. On a file system without POSIX
 * permissions (Windows) nothing is set. Nothing here follows a symbolic link: a link is never created
 * through, nor has its target's permissions changed.
 */
final class LogFileModes {

  /** Sets no permissions: the umask decides, as Logback alone would. */
  static final LogFileModes NONE = new LogFileModes(null, null);

  private final Set<PosixFilePermission> fileMode;
  private final Set<PosixFilePermission> dirMode;

  LogFileModes(Set<PosixFilePermission> fileMode, Set<PosixFilePermission> dirMode) {
    this.fileMode = fileMode == null ? null : EnumSet.copyOf(fileMode);
    this.dirMode = dirMode == null ? null : EnumSet.copyOf(dirMode);
  }

  /** Creates the directory and its missing parents, each new one with the directory mode. */
  void createDirectories(Path directory) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path dir = directory.toAbsolutePath(); dir != null && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        dir = dir.getParent()) {
      missing.push(dir);
    }
    while (!missing.isEmpty()) {
      Path dir = missing.pop();
      try {
        Files.createDirectory(dir);
        apply(dir, dirMode);
      } catch (FileAlreadyExistsException concurrently) {
        // created meanwhile (or a link there): left as it is
      }
    }
  }

  /** Creates the file empty with the file mode unless something (a file, a link) already has its name. */
  void createFile(Path file) throws IOException {
    try {
      Files.createFile(file);
      apply(file, fileMode);
    } catch (FileAlreadyExistsException exists) {
      // appended to as it is
    }
  }

  /** A new file with the file mode, open for writing; fails if anything already has its name. */
  OutputStream newFile(Path file) throws IOException {
    OutputStream out = Channels.newOutputStream(
        Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)));
    try {
      apply(file, fileMode);
    } catch (IOException | RuntimeException fault) {
      out.close();
      throw fault;
    }
    return out;
  }

  private static void apply(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (mode == null) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (view != null) { // null: a file system without POSIX permissions, nothing to set
      view.setPermissions(mode);
    }
  }
}
