package com.example.chatbot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keyword search over the FAQ. Candidates come from the database; they are ranked by how many query terms they
 * share, where a term in the question title counts more than one in the tags, and one in the tags more than one in
 * the answer.
 */
public final class SearchEngine {

  /** The most results {@link #search(String)} returns. */
  public static final int MAX_RESULTS = 3;

  private static final double QUESTION_WEIGHT = 2.0;
  private static final double TAG_WEIGHT = 1.0;
  private static final double ANSWER_WEIGHT = 0.5;
  private static final Comparator<SearchResult> BEST_FIRST =
      Comparator.comparingDouble(SearchResult::score).reversed().thenComparingInt(SearchResult::faqId);

  private final DatabaseManager databaseManager;
  private final QueryTokenizer tokenizer = new QueryTokenizer();

  /** Creates a search engine reading the FAQ through the given database. */
  public SearchEngine(DatabaseManager databaseManager) {
    this.databaseManager = Objects.requireNonNull(databaseManager, "databaseManager");
  }

  /** The best FAQ matches for a free-text query, best first, at most {@link #MAX_RESULTS}; may be empty. */
  public List<SearchResult> search(String query) {
    List<String> terms = tokenizer.terms(query);
    if (terms.isEmpty()) {
      return List.of();
    }
    List<SearchResult> ranked = new ArrayList<>();
    for (FaqEntry entry : databaseManager.findFaqCandidates(terms)) {
      double score = relevance(terms, entry);
      if (score > 0) {
        ranked.add(new SearchResult(entry.id(), entry.question(), entry.answer(), score));
      }
    }
    ranked.sort(BEST_FIRST);
    return List.copyOf(ranked.subList(0, Math.min(MAX_RESULTS, ranked.size())));
  }

  /** The FAQ entry with this id, if there is one ({@code /faq <id>}). */
  public Optional<FaqEntry> lookup(int faqId) {
    return databaseManager.findFaq(faqId);
  }

  /** Stores whether the answer of an FAQ entry helped the user. */
  public void recordFeedback(int faqId, boolean helpful) {
    databaseManager.saveFeedback(faqId, helpful);
  }

  private double relevance(List<String> terms, FaqEntry entry) {
    Set<String> questionWords = new HashSet<>(tokenizer.terms(entry.question()));
    Set<String> tagWords = new HashSet<>(tokenizer.terms(entry.tags()));
    Set<String> answerWords = new HashSet<>(tokenizer.terms(entry.answer()));
    double score = 0;
    for (String term : terms) {
      if (questionWords.contains(term)) {
        score += QUESTION_WEIGHT;
      }
      if (tagWords.contains(term)) {
        score += TAG_WEIGHT;
      }
      if (answerWords.contains(term)) {
        score += ANSWER_WEIGHT;
      }
    }
    return score;
  }
}
