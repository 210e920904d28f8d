package io.chatlens.instrumentation.search;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.UnitContext;

/** Searches and their results, and the feedback users give on the answers. */
public final class SearchUnit implements ComponentUnit {

  @Override
  public Component component() {
    return Component.SEARCH;
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
  public ComponentHandler handler(UnitContext context) {
    return new SearchHandler(context.instruments(), context.events(), context.settings());
  }
}
