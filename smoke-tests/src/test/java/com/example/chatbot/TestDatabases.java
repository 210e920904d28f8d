package com.example.chatbot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Fresh in-memory H2 databases, one per test, so that tests never see each other's rows. */
final class TestDatabases {

  private TestDatabases() {}

  static String uniqueUrl(String prefix) {
    return "jdbc:h2:mem:" + prefix + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  static DatabaseManager initialized(String prefix) {
    return initialized(prefix, uniqueUrl(prefix));
  }

  static DatabaseManager initialized(String prefix, String url) {
    DatabaseManager databaseManager = new DatabaseManager(url, "sa", "");
    databaseManager.initialize();
    return databaseManager;
  }

  /** Runs a {@code SELECT COUNT(*) ...} on its own connection, bypassing the code under test. */
  static long count(String url, String countQuery) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(countQuery)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
