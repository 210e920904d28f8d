package com.example.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTokenizerTest {

  private final QueryTokenizer tokenizer = new QueryTokenizer();

  @Test
  void lowercasesSplitsAndDropsStopWords() {
    assertThat(tokenizer.terms("How do I RESET my Password?")).containsExactly("reset", "password");
  }

  @Test
  void removesPluralsButKeepsDoubleS() {
    assertThat(tokenizer.terms("invoices keys access status")).containsExactly("invoice", "key", "access", "status");
  }

  @Test
  void keepsDigitsAndDropsDuplicatesAndSingleLetters() {
    assertThat(tokenizer.terms("2FA, 2fa and a b c e-mail")).containsExactly("2fa", "mail");
  }

  @Test
  void returnsNothingForBlankText() {
    assertThat(tokenizer.terms(null)).isEmpty();
    assertThat(tokenizer.terms("  ")).isEmpty();
  }
}
