package com.example.probe;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Exercises JDBC the ways applications do: plain statements with literals, a HikariCP pool, a driver
 * loaded by a class loader that cannot see the application, a connection to a closed port, a slow query,
 * and optionally a real PostgreSQL server (first argument: its JDBC URL).
 */
public final class JdbcProbeApp {

  private JdbcProbeApp() {}

  public static void main(String[] args) throws Exception {
    String h2 = "jdbc:h2:mem:probe;DB_CLOSE_DELAY=-1";
    literals(h2, "h2");
    batchesAndCalls(h2);
    HikariDataSource pool = pooled(h2);
    isolatedDriver(System.getProperty("probe.h2.jar"));
    try {
      DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2", "probe", "secret");
      System.out.println("unexpected: connected to a closed port");
    } catch (SQLException refused) {
      System.out.println("connection failed sqlstate=" + refused.getSQLState());
    }
    try (Connection connection = DriverManager.getConnection(h2); Statement statement = connection.createStatement()) {
      // a deliberately slow query (400 ms in the database): the sleep is the behaviour under test, not a wait
      statement.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR \"java.lang.Thread.sleep\"");
      statement.execute("CALL SLEEP(400)");
      System.out.println("slow query done");
    }
    if (args.length > 0) {
      literals(args[0], "postgresql");
    }
    System.out.println("waiting");
    new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
    pool.close();
    System.out.println("done");
  }

  /** A prepared batch, a plain statement batch and a callable statement (their spans are checked). */
  private static void batchesAndCalls(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO users VALUES (?, ?, ?)")) {
        for (int id = 10; id < 13; id++) {
          insert.setInt(1, id);
          insert.setString(2, "Batch" + id);
          insert.setString(3, "batch" + id + "@example.com");
          insert.addBatch();
        }
        System.out.println("prepared batch rows " + insert.executeBatch().length);
      }
      try (Statement statement = connection.createStatement()) {
        statement.addBatch("UPDATE users SET name = 'Jo' WHERE id = 10");
        statement.addBatch("DELETE FROM users WHERE id = 11");
        System.out.println("statement batch rows " + statement.executeBatch().length);
      }
      try (java.sql.CallableStatement call = connection.prepareCall("{call ABS(?)}")) {
        call.setInt(1, -7);
        try (ResultSet rows = call.executeQuery()) {
          rows.next();
          System.out.println("callable answered " + rows.getInt(1));
        }
      }
    }
  }

  private static void literals(String url, String label) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS users");
      statement.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(40), email VARCHAR(80))");
      statement.executeUpdate("INSERT INTO users VALUES (1, 'Jane', 'jane.doe@example.com')");
      try (ResultSet rows = statement.executeQuery("SELECT id, name FROM users WHERE email = 'jane.doe@example.com'")) {
        rows.next();
        System.out.println(label + " user " + rows.getInt(1) + " " + rows.getString(2));
      }
    }
  }

  private static HikariDataSource pooled(String url) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("probe-pool");
    config.setMaximumPoolSize(3);
    config.setRegisterMbeans(true);
    HikariDataSource pool = new HikariDataSource(config);
    ProbeDatabaseManager manager = new ProbeDatabaseManager(pool);
    int total = 0;
    for (int i = 0; i < 5; i++) {
      total += manager.countUsersNamed("Jane");
    }
    System.out.println("pooled queries counted " + total);
    return pool;
  }

  private static void isolatedDriver(String h2Jar) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(h2Jar).toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Driver driver = (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor().newInstance();
      try (Connection connection = driver.connect("jdbc:h2:mem:isolated", new Properties());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT 42 AS answer")) {
        rows.next();
        System.out.println("isolated driver answered " + rows.getInt(1) + " from loader " + (driver.getClass().getClassLoader() == loader));
      }
    }
  }
}
