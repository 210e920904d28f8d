package org.acme.helpdesk;

import java.util.ArrayList;
import java.util.List;

/** The search engine, under another name. lookup calls lookupExact: one span, not two. */
public final class KnowledgeLookup {
  private static final String[][] ARTICLES = {
      {"kb-1", "how to reset my password"},
      {"kb-2", "how to change my plan"},
      {"kb-3", "what is the refund policy"},
  };

  public Answers lookup(String question) {
    return lookupExact(question);
  }

  public Answers lookupExact(String question) {
    List<String> matches = new ArrayList<>();
    for (String[] article : ARTICLES) {
      for (String word : question.split("\\W+")) {
        if (word.length() > 3 && article[1].contains(word)) {
          matches.add(article[0]);
          break;
        }
      }
    }
    return new Answers(matches);
  }

  public void rate(String article, String verdict) {
    // ratings are only observed
  }
}
