package org.acme.helpdesk;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The data-access class, under another name, on plain JDBC. */
public final class Ledger {
  static volatile IllegalStateException lastPurgeFailure;
  private final String url;

  public Ledger(String url) throws SQLException {
    this.url = url;
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS entries (conversation VARCHAR(40), text VARCHAR(400))");
    }
  }

  public void record(String conversation, String text) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement insert = connection.prepareStatement("INSERT INTO entries VALUES (?, ?)")) {
      insert.setString(1, conversation);
      insert.setString(2, text);
      insert.executeUpdate();
    }
  }

  public int history(String conversation) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM entries WHERE conversation = ?")) {
      count.setString(1, conversation);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** Always fails, with a suppressed exception attached, so callers can check it arrives unchanged. */
  public void purge() {
    IllegalStateException failure = new IllegalStateException("purge is not allowed for conversation 42");
    failure.addSuppressed(new IllegalArgumentException("retention policy"));
    lastPurgeFailure = failure;
    throw failure;
  }
}
