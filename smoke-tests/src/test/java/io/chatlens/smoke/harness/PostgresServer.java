package io.chatlens.smoke.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, started in a temporary directory on a
 * free loopback port for the duration of a test class. When the tests run as root, the server runs as the
 * {@code postgres} system user (PostgreSQL refuses to run as root). {@code .ci/run} installs the package.
 */
public final class PostgresServer implements AutoCloseable {

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
      run(List.of("chown", "-R", "postgres:postgres", directory.toString()), false);
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
    run(command, true);
  }

  private static void run(List<String> command, boolean inTemp) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(Path.of("/tmp").toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("PostgreSQL command failed: " + command + "\n" + output);
    }
  }

  private static Path binaries() throws Exception {
    Path found = findBinaries();
    if (found == null && "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      // A fresh machine: install Debian's server package, as .ci/run does.
      run(List.of("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql"), false);
      found = findBinaries();
    }
    if (found == null) {
      throw new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql: install Debian's postgresql "
          + "package (apt-get install -y postgresql); .ci/run does this");
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
