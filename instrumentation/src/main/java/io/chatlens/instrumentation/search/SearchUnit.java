package io.chatlens.instrumentation.search;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.core.UnitKey;
import java.util.List;

/** Searches and their results, and the feedback users give on the answers. */
public final class SearchUnit implements ComponentUnit {

  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> QUERY = UnitKey.accessor("chatlens.search.query", "Semantics",
      "Where a search finds its query. Default: the first String argument. Only its length and hash are recorded.");
  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> RESULT_COUNT = UnitKey.accessor("chatlens.search.result-count", "Semantics",
      "How many results a search returned, e.g. return.getHits().size(). Default: the size of a returned JDK "
          + "collection or map, an array or Optional, or a returned number; any other value, such as an Iterable that "
          + "may be a one-shot cursor or a lazy collection of an ORM, is never iterated: its count is unknown.");
  static final UnitKey<io.chatlens.instrumentation.accessor.Accessor> FEEDBACK_OUTCOME = UnitKey.accessor("chatlens.search.feedback-outcome", "Semantics",
      "Whether a feedback call (role :feedback) says the answer was correct. Default: the first boolean argument, "
          + "or a word like good/bad, yes/no, correct/incorrect.");
  static final UnitKey<Boolean> CAPTURE_QUERY = UnitKey.bool("chatlens.capture.search-query", "Semantics", false,
      "Record the search query text (redacted) on search spans. Off by default: only its length and a hash.");

  @Override
  public Component component() {
    return Component.SEARCH;
  }

  @Override
  public java.util.Set<String> vocabularyAttributes() {
    return java.util.Set.of(SearchHandler.OPERATION.getKey(), SearchHandler.QUERY_HASH.getKey());
  }

  @Override
  public String description() {
    return "search operations and results";
  }

  @Override
  public String conventions() {
    return "*SearchEngine#search*,find*,query*,lookup*,*Feedback:feedback";
  }

  @Override
  public String patternsDescription() {
    return "Search methods whose results are counted, e.g. com.acme.chat.SearchEngine#search*.";
  }

  @Override
  public List<UnitKey<?>> keys() {
    return List.of(QUERY, RESULT_COUNT, FEEDBACK_OUTCOME, CAPTURE_QUERY);
  }

  @Override
  public ComponentHandler handler(UnitContext context) {
    return new SearchHandler(context.instruments(), context.events(), context.settings(),
        new SearchHandler.Options(context.value(QUERY), context.value(RESULT_COUNT), context.value(FEEDBACK_OUTCOME),
            context.value(CAPTURE_QUERY)));
  }
}
