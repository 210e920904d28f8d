package com.example.chatbot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns free text into search terms: lower case, split on anything that is not a letter or digit, stop words and
 * one-letter words dropped, a plural {@code s} removed, duplicates removed (first occurrence wins).
 */
public final class QueryTokenizer {

  private static final Set<String> STOP_WORDS = Set.of(
      "a", "an", "the", "is", "are", "was", "be", "am", "i", "me", "my", "mine", "you", "your", "we", "our", "us",
      "it", "its", "to", "of", "in", "on", "for", "with", "and", "or", "how", "do", "does", "did", "can", "could",
      "what", "where", "when", "why", "which", "who", "this", "that", "these", "those", "at", "by", "from", "as", "if",
      "so", "not", "no", "get", "please", "want", "need", "there", "about", "into", "will", "would", "should", "have",
      "has", "hi", "hello", "thanks", "any", "all", "some", "just", "up");

  /** The search terms of a text, in order of first appearance; empty for {@code null} or blank text. */
  public List<String> terms(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Set<String> terms = new LinkedHashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+")) {
      if (word.length() > 1 && !STOP_WORDS.contains(word)) {
        terms.add(singular(word));
      }
    }
    return new ArrayList<>(terms);
  }

  private static String singular(String word) {
    boolean plural = word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us");
    return plural ? word.substring(0, word.length() - 1) : word;
  }
}
