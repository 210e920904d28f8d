package io.chatlens.smoke.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, started in a temporary directory on a
 * free loopback port for the duration of a test class. When the tests run as root, the server runs as the
 * {@code postgres} system user (PostgreSQL refuses to run as root). {@code .ci/run} installs the package; the\n * tests never do.
 */
public final class PostgresServer implements AutoCloseable {

  /** A bound on each PostgreSQL tool run (initdb, pg_ctl start and stop, createdb take seconds). */
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final Path bin;
  private final Path directory;
  private final int port;
  private final boolean root;

  private PostgresServer(Path bin, Path directory, int port, boolean root) {
    this.bin = bin;
    this.directory = directory;
    this.port = port;
    this.root = root;
  }

  /** Starts a server with a database named {@code chatbot} and a trusted user {@code chatlens}. */
  public static PostgresServer start() throws Exception {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path directory = Files.createTempDirectory("chatlens-pg");
    if (root) {
      run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin, directory, port, root);
    Path data = directory.resolve("data");
    server.pg("initdb", "-D", data.toString(), "-U", "chatlens", "--auth=trust", "-E", "UTF8", "--no-sync");
    server.pg("pg_ctl", "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    server.pg("createdb", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "chatlens", "chatbot");
    return server;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/chatbot?user=chatlens";
  }

  public int port() {
    return port;
  }

  private void pg(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (root) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    run(command);
  }

  /** Runs a PostgreSQL tool; fails with its output unless it succeeds within 2 minutes. */
  private static void run(List<String> command) {
    Processes.succeed(command, TIMEOUT);
  }

  private static Path binaries() throws IOException {
    Path found = findBinaries();
    if (found == null) {
      throw DebianPackages.missing("The PostgreSQL server (/usr/lib/postgresql/*/bin/postgres)", "postgresql");
    }
    return found;
  }

  private static Path findBinaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path newest = versions.filter(version -> Files.isExecutable(version.resolve("bin/postgres")))
            .max(Comparator.comparing(version -> Integer.parseInt(version.getFileName().toString().replaceAll("\\D", "0"))))
            .orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      }
    }
    return null;
  }

  @Override
  public void close() throws Exception {
    try {
      pg("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop");
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
