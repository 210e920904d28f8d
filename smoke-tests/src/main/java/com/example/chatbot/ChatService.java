package com.example.chatbot;

import java.util.List;
import java.util.Objects;

/**
 * One chatbot turn at a time: takes a user message of a session and returns the reply. A turn never throws: invalid
 * commands get a hint, and any other failure is passed to the {@link ErrorHandler} and answered with an apology.
 * Thread-safe; sessions of different users may be served concurrently.
 */
public final class ChatService {

  /** How many recent messages {@code /history} shows. */
  public static final int HISTORY_SIZE = 5;

  private final SessionManager sessionManager;
  private final CommandParser commandParser;
  private final SearchEngine searchEngine;
  private final DatabaseManager databaseManager;
  private final ErrorHandler errorHandler;
  private final ChatStatistics statistics = new ChatStatistics();

  /** Wires the chatbot's components together. */
  public ChatService(SessionManager sessionManager, CommandParser commandParser, SearchEngine searchEngine,
      DatabaseManager databaseManager, ErrorHandler errorHandler) {
    this.sessionManager = Objects.requireNonNull(sessionManager, "sessionManager");
    this.commandParser = Objects.requireNonNull(commandParser, "commandParser");
    this.searchEngine = Objects.requireNonNull(searchEngine, "searchEngine");
    this.databaseManager = Objects.requireNonNull(databaseManager, "databaseManager");
    this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
  }

  /** Opens a session for a user and returns its id. */
  public String openSession(String userId) {
    return sessionManager.createSession(userId).getId();
  }

  /** Closes a session; closing an unknown or already closed session does nothing. */
  public void closeSession(String sessionId) {
    sessionManager.closeSession(sessionId);
  }

  /** Whether the session is still open, i.e. neither closed (also by {@code /quit}) nor expired. */
  public boolean isSessionOpen(String sessionId) {
    return sessionManager.find(sessionId).isPresent();
  }

  /** The totals of the turns handled so far. */
  public ChatStatistics statistics() {
    return statistics;
  }

  /**
   * Handles one user message: marks the session active, parses the message, acts on the command and stores the
   * message. Always returns a non-blank reply.
   */
  public String handle(String sessionId, String message) {
    statistics.countTurn();
    try {
      Session session = sessionManager.updateSession(sessionId);
      Command command = commandParser.parse(message);
      String reply = dispatch(session, command);
      databaseManager.saveMessage(sessionId, session.getUserId(), message);
      return reply;
    } catch (InvalidCommandException e) {
      statistics.countInvalidCommand();
      return Replies.invalid(e);
    } catch (SessionNotFoundException e) {
      statistics.countError();
      errorHandler.handle(e, sessionId);
      return Replies.SESSION_GONE;
    } catch (RuntimeException e) {
      statistics.countError();
      errorHandler.handle(e, sessionId);
      return Replies.APOLOGY;
    }
  }

  private String dispatch(Session session, Command command) {
    switch (command.name()) {
      case Command.SEARCH:
        return Replies.searchResults(command.argument(), searchEngine.search(command.argument()));
      case Command.ASK:
        return answer(command.argument());
      case Command.FAQ:
        return faq(Integer.parseInt(command.argument()));
      case Command.HISTORY:
        return history(session);
      case Command.FEEDBACK:
        return feedback(command.words());
      case Command.HELP:
        return Replies.HELP;
      case Command.QUIT:
        sessionManager.closeSession(session.getId());
        return Replies.GOODBYE;
      case Command.ADMIN:
        databaseManager.queryBrokenTable();
        return Replies.ADMIN_CHECK_PASSED;
      default:
        throw new IllegalStateException("parser accepted an unsupported command " + command.name());
    }
  }

  private String answer(String question) {
    List<SearchResult> results = searchEngine.search(question);
    return results.isEmpty() ? Replies.noAnswer() : Replies.answer(results.get(0));
  }

  private String faq(int faqId) {
    return searchEngine.lookup(faqId).map(Replies::faq).orElseGet(() -> Replies.noSuchFaq(faqId));
  }

  private String history(Session session) {
    List<String> recent = databaseManager.recentMessages(session.getId(), HISTORY_SIZE);
    int total = databaseManager.countMessagesForUser(session.getUserId());
    return Replies.history(recent, total);
  }

  private String feedback(List<String> words) {
    int faqId = Integer.parseInt(words.get(0));
    boolean helpful = words.get(1).equals("good");
    searchEngine.recordFeedback(faqId, helpful);
    return Replies.feedbackThanks(faqId, helpful);
  }
}
