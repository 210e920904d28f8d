package com.example.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseManagerTest {

  private final String url = TestDatabases.uniqueUrl("db");
  private DatabaseManager databaseManager;

  @BeforeEach
  void openDatabase() {
    databaseManager = TestDatabases.initialized("db", url);
  }

  @AfterEach
  void closeDatabase() {
    databaseManager.close();
  }

  @Test
  void seedsTheFaqOnceEvenWhenInitializedAgain() {
    databaseManager.initialize();

    assertThat(databaseManager.findFaq(1)).isPresent();
    assertThat(databaseManager.findFaq(25)).isPresent();
    assertThat(databaseManager.findFaq(26)).isEmpty();
    assertThat(databaseManager.findFaqCandidates(List.of("password")))
        .extracting(FaqEntry::id).containsExactly(2, 3);
  }

  @Test
  void findsCandidatesByQuestionOrTagsAndTreatsWildcardsLiterally() {
    assertThat(databaseManager.findFaqCandidates(List.of("gdpr", "RATE")))
        .extracting(FaqEntry::id).containsExactly(19, 20, 21, 24);
    assertThat(databaseManager.findFaqCandidates(List.of("%"))).isEmpty();
    assertThat(databaseManager.findFaqCandidates(List.of("_"))).isEmpty();
    assertThat(databaseManager.findFaqCandidates(List.of())).isEmpty();
  }

  @Test
  void keepsTheRecentMessagesOfASessionOldestFirst() {
    for (int i = 1; i <= 7; i++) {
      databaseManager.saveMessage("sess-a", "user-1", "message " + i);
    }
    databaseManager.saveMessage("sess-b", "user-1", "elsewhere");

    assertThat(databaseManager.recentMessages("sess-a", 3)).containsExactly("message 5", "message 6", "message 7");
    assertThat(databaseManager.recentMessages("sess-c", 3)).isEmpty();
    assertThat(databaseManager.recentMessages("sess-a", 0)).isEmpty();
  }

  @Test
  void cutsOverlongMessages() {
    databaseManager.saveMessage("sess-a", "user-1", "x".repeat(DatabaseManager.MAX_MESSAGE_LENGTH + 10));

    assertThat(databaseManager.recentMessages("sess-a", 1).get(0)).hasSize(DatabaseManager.MAX_MESSAGE_LENGTH);
  }

  @Test
  void countsMessagesPerUserAcrossSessionsWithQuotesInTheId() {
    String trickyUser = "o'brien";
    databaseManager.saveMessage("sess-a", trickyUser, "one");
    databaseManager.saveMessage("sess-b", trickyUser, "two");
    databaseManager.saveMessage("sess-c", "someone-else", "three");

    assertThat(databaseManager.countMessagesForUser(trickyUser)).isEqualTo(2);
    assertThat(databaseManager.countMessagesForUser("someone-else")).isEqualTo(1);
    assertThat(databaseManager.countMessagesForUser("nobody")).isZero();
  }

  @Test
  void savesFeedback() throws SQLException {
    databaseManager.saveFeedback(2, true);
    databaseManager.saveFeedback(2, true);
    databaseManager.saveFeedback(2, false);

    assertThat(TestDatabases.count(url, "SELECT COUNT(*) FROM feedback WHERE faq_id = 2 AND helpful")).isEqualTo(2);
    assertThat(TestDatabases.count(url, "SELECT COUNT(*) FROM feedback WHERE faq_id = 2 AND NOT helpful"))
        .isEqualTo(1);
  }

  @Test
  void keepsTheTableWhenAUserIdLooksLikeSql() throws SQLException {
    databaseManager.saveMessage("sess-a", "x' OR '1'='1", "hello");
    databaseManager.saveMessage("sess-a", "user-1", "hi");

    assertThat(databaseManager.countMessagesForUser("x' OR '1'='1")).isEqualTo(1);
    assertThat(TestDatabases.count(url, "SELECT COUNT(*) FROM messages")).isEqualTo(2);
  }

  @Test
  void brokenTableQueryFailsWithTheSqlCause() {
    assertThatThrownBy(databaseManager::queryBrokenTable)
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("missing_table")
        .hasCauseInstanceOf(SQLException.class);
  }
}
