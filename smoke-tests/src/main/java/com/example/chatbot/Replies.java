package com.example.chatbot;

import java.util.List;
import java.util.Locale;

/** The texts the chatbot answers with. */
final class Replies {

  static final String HELP = String.join("\n",
      "Commands:",
      "  /search <query>             search the Acme Cloud FAQ",
      "  /ask <question>             ask a question (or just type it)",
      "  /faq <id>                   show one FAQ entry",
      "  /history                    show your recent messages",
      "  /feedback <id> good|bad     tell us whether an answer helped",
      "  /quit                       end the conversation");

  static final String GOODBYE = "Goodbye! Your session is closed.";
  static final String APOLOGY = "Sorry, something went wrong on our side. Please try again in a moment.";
  static final String SESSION_GONE = "Your session has ended or expired. Please start a new conversation.";
  static final String ADMIN_CHECK_PASSED = "Admin check finished without errors.";

  private Replies() {}

  static String invalid(InvalidCommandException e) {
    return "Sorry, I can't do that: " + e.getMessage() + ". Type /help to see what I can do.";
  }

  static String searchResults(String query, List<SearchResult> results) {
    if (results.isEmpty()) {
      return "No FAQ entries match \"" + query + "\". Try other words or /help.";
    }
    StringBuilder reply = new StringBuilder("Top results for \"").append(query).append("\":");
    for (SearchResult result : results) {
      reply.append("\n  #").append(result.faqId()).append(' ').append(result.question())
          .append(String.format(Locale.ROOT, " (score %.1f)", result.score()));
    }
    return reply.append("\nType /faq <id> to read an answer.").toString();
  }

  static String answer(SearchResult best) {
    return best.question() + "\n" + best.answer() + "\nDid this help? /feedback " + best.faqId() + " good|bad";
  }

  static String noAnswer() {
    return "I don't know the answer to that yet. Try /search with other words, or /faq <id>.";
  }

  static String faq(FaqEntry entry) {
    return "FAQ #" + entry.id() + ": " + entry.question() + "\n" + entry.answer();
  }

  static String noSuchFaq(int faqId) {
    return "There is no FAQ #" + faqId + ". Try /search to find one.";
  }

  static String history(List<String> recent, int total) {
    if (recent.isEmpty()) {
      return "You have sent " + total + " message(s) so far; none yet in this conversation.";
    }
    StringBuilder reply = new StringBuilder("You have sent ").append(total)
        .append(" message(s) so far. Recent in this conversation:");
    for (int i = 0; i < recent.size(); i++) {
      reply.append("\n  ").append(i + 1).append(") ").append(recent.get(i));
    }
    return reply.toString();
  }

  static String feedbackThanks(int faqId, boolean helpful) {
    return helpful
        ? "Thanks! Glad FAQ #" + faqId + " helped."
        : "Thanks for telling us. We will improve FAQ #" + faqId + ".";
  }
}
