package com.example.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchEngineTest {

  private DatabaseManager databaseManager;
  private SearchEngine searchEngine;

  @BeforeEach
  void openDatabase() {
    databaseManager = TestDatabases.initialized("search");
    searchEngine = new SearchEngine(databaseManager);
  }

  @AfterEach
  void closeDatabase() {
    databaseManager.close();
  }

  @Test
  void findsThePasswordResetFaqFirst() {
    List<SearchResult> results = searchEngine.search("reset password");

    assertThat(results).isNotEmpty().hasSizeLessThanOrEqualTo(SearchEngine.MAX_RESULTS);
    assertThat(results.get(0).faqId()).isEqualTo(2);
    assertThat(results.get(0).question()).isEqualTo("How do I reset my password?");
    assertThat(results.get(0).answer()).contains("Forgot password");
  }

  @Test
  void ranksBestFirstAndBoostsQuestionTitleMatches() {
    List<SearchResult> results = searchEngine.search("How do I reset my password?");

    assertThat(results).extracting(SearchResult::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(results).isNotEmpty().allSatisfy(result -> assertThat(result.score()).isPositive());
    SearchResult reset = results.get(0);
    SearchResult change = results.stream().filter(result -> result.faqId() == 3).findFirst().orElseThrow();
    assertThat(reset.score()).isGreaterThan(change.score());
  }

  @Test
  void returnsAtMostThreeResults() {
    assertThat(searchEngine.search("account billing api shipping data")).hasSize(SearchEngine.MAX_RESULTS);
  }

  @Test
  void pluralAndCaseDoNotMatter() {
    assertThat(searchEngine.search("INVOICES").get(0).faqId()).isEqualTo(9);
    assertThat(searchEngine.search("refunds").get(0).faqId()).isIn(10, 11);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xyzzy plugh", "qwertyuiop", "how do I", "", "   ", "?!"})
  void findsNothingForNonsenseOrStopWords(String query) {
    assertThat(searchEngine.search(query)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("com.example.chatbot.ConversationScript#searchQueries")
  void everyScriptedSearchFindsSomething(String query) {
    assertThat(searchEngine.search(query)).isNotEmpty();
  }

  @Test
  void looksUpFaqEntriesById() {
    assertThat(searchEngine.lookup(17)).hasValueSatisfying(
        entry -> assertThat(entry.question()).isEqualTo("How do I create an API key?"));
    assertThat(searchEngine.lookup(999)).isEmpty();
  }
}
