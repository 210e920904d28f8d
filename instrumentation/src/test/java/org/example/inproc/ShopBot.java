package org.example.inproc;

import java.util.List;

/**
 * A chatbot the in-process weaving tests instrument by pattern: one turn calls the parser and the search. Loaded only
 * after the weaver is active (the tests reference it in their bodies, never in signatures).
 */
public final class ShopBot {

  private final ShopParser parser = new ShopParser();
  private final ShopSearch search = new ShopSearch();

  public String handle(Ticket ticket) {
    ShopParser.Command command = parser.parse(ticket.text());
    if (command.name().equals("boom")) {
      throw new ShopFailure("the stock service is down for " + ticket.user());
    }
    if (command.name().equals("ask")) {
      // two LLM calls in one turn: the turn reports their tokens and cost
      ShopLlm llm = new ShopLlm();
      String first = llm.doChat(new ShopLlm.Request("shop-model", command.argument())).text();
      String second = llm.doChat(new ShopLlm.Request("shop-model", "rephrase " + first)).text();
      return "ask:" + second;
    }
    List<String> results = search.search(command.argument());
    return command.name() + ":" + results.size();
  }

  /** Not named by any pattern: never woven. */
  public String other(Ticket ticket) {
    return "other " + ticket.text();
  }

  /** The application's own exception type. */
  public static final class ShopFailure extends RuntimeException {
    ShopFailure(String message) {
      super(message);
    }
  }
}
