package com.example.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatServiceTest {

  private final String url = TestDatabases.uniqueUrl("chat");
  private final MutableClock clock = MutableClock.startingAt("2025-03-01T10:00:00Z");
  private final SessionManager sessionManager = new SessionManager(Duration.ofSeconds(30), clock);
  private final ErrorHandler errorHandler = new ErrorHandler();
  private DatabaseManager databaseManager;
  private ChatService chatService;
  private String sessionId;

  @BeforeEach
  void startChat() {
    databaseManager = TestDatabases.initialized("chat", url);
    chatService = new ChatService(sessionManager, new CommandParser(), new SearchEngine(databaseManager),
        databaseManager, errorHandler);
    sessionId = chatService.openSession("user-7");
  }

  @AfterEach
  void closeDatabase() {
    databaseManager.close();
  }

  @Test
  void invalidCommandGetsAHintAndDoesNotReachTheErrorHandler() {
    String reply = chatService.handle(sessionId, "/frobnicate");

    assertThat(reply).contains("unknown command /frobnicate").contains("/help");
    assertThat(errorHandler.counts()).isEmpty();
    assertThat(chatService.statistics().invalidCommands()).isEqualTo(1);
    assertThat(chatService.statistics().errors()).isZero();
  }

  @Test
  void databaseFailureReachesTheErrorHandlerAndTheTurnStillReplies() {
    String reply = chatService.handle(sessionId, "/admin crash");

    assertThat(reply).isNotBlank().contains("Sorry, something went wrong");
    assertThat(errorHandler.counts()).containsExactly(
        Map.entry(DataAccessException.class.getName(), 1L));
    assertThat(chatService.statistics().errors()).isEqualTo(1);
    assertThat(chatService.handle(sessionId, "/search reset password")).contains("#2 How do I reset my password?");
  }

  @Test
  void unknownSessionIsReportedAndAnswered() {
    String reply = chatService.handle("sess-missing", "/help");

    assertThat(reply).contains("session has ended or expired");
    assertThat(errorHandler.counts()).containsKey(SessionNotFoundException.class.getName());
  }

  @Test
  void everyTurnUpdatesTheSession() {
    clock.advance(Duration.ofSeconds(3));
    chatService.handle(sessionId, "/help");
    chatService.handle(sessionId, "/nope");

    Session session = sessionManager.find(sessionId).orElseThrow();
    assertThat(session.getInteractions()).isEqualTo(2);
    assertThat(session.getLastActiveAt()).isEqualTo(clock.instant());
    assertThat(chatService.statistics().turns()).isEqualTo(2);
  }

  @Test
  void searchListsResultsAndQuestionsGetTheBestAnswer() {
    assertThat(chatService.handle(sessionId, "/search api key")).contains("#17 How do I create an API key?");
    assertThat(chatService.handle(sessionId, "How do I reset my password?"))
        .contains("Forgot password").contains("/feedback 2 good|bad");
    assertThat(chatService.handle(sessionId, "/search xyzzy")).contains("No FAQ entries match");
    assertThat(chatService.handle(sessionId, "xyzzy plugh")).contains("I don't know the answer");
  }

  @Test
  void showsFaqEntriesById() {
    assertThat(chatService.handle(sessionId, "/faq 20")).startsWith("FAQ #20: How do I export my data?");
    assertThat(chatService.handle(sessionId, "/faq 404")).contains("There is no FAQ #404");
  }

  @Test
  void historyShowsEarlierMessagesAndTheUserTotal() {
    String otherSession = chatService.openSession("user-7");
    chatService.handle(otherSession, "/help");
    chatService.handle(sessionId, "/search refund policy");
    chatService.handle(sessionId, "How do I cancel my subscription?");

    String reply = chatService.handle(sessionId, "/history");

    assertThat(reply).contains("You have sent 3 message(s)")
        .contains("1) /search refund policy")
        .contains("2) How do I cancel my subscription?")
        .doesNotContain("/help");
  }

  @Test
  void feedbackIsStored() throws SQLException {
    assertThat(chatService.handle(sessionId, "/feedback 10 bad")).contains("FAQ #10");

    assertThat(TestDatabases.count(url, "SELECT COUNT(*) FROM feedback WHERE faq_id = 10 AND NOT helpful"))
        .isEqualTo(1);
  }

  @Test
  void savesValidMessagesOnly() {
    chatService.handle(sessionId, "my card is 4111 1111 1111 1111");
    chatService.handle(sessionId, "/frobnicate");

    assertThat(databaseManager.recentMessages(sessionId, 10)).containsExactly("my card is 4111 1111 1111 1111");
  }

  @Test
  void quitClosesTheSession() {
    assertThat(chatService.handle(sessionId, "/quit")).contains("Goodbye");

    assertThat(chatService.isSessionOpen(sessionId)).isFalse();
    assertThat(chatService.handle(sessionId, "/help")).contains("session has ended or expired");
  }

  @Test
  void closeSessionDelegatesToTheSessionManager() {
    chatService.closeSession(sessionId);

    assertThat(sessionManager.find(sessionId)).isEmpty();
    assertThat(sessionManager.activeCount()).isZero();
  }
}
