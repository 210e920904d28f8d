package com.example.probe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Named by the database convention: its spans parent the JDBC spans made inside. */
public final class ProbeDatabaseManager {
  private final DataSource dataSource;

  public ProbeDatabaseManager(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public int countUsersNamed(String name) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM users WHERE name = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
