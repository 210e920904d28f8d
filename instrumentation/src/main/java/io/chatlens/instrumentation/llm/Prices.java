package io.chatlens.instrumentation.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The price table of {@code chatlens.llm.prices}: per model, the price of a million input tokens and of a million
 * output tokens. A model is priced by the longest listed name it starts with, so that a dated response model
 * ({@code gpt-4o-mini-2024-07-18}) takes the price of {@code gpt-4o-mini}.
 */
final class Prices {

  static final String ALLOWED = "model=input/output;model=input/output with prices per million tokens, e.g. "
      + "gpt-4o-mini=0.15/0.60;gpt-4o=2.50/10.00";
  static final Prices NONE = new Prices(List.of());

  record Price(String model, double inputPerMillion, double outputPerMillion) {}

  private final List<Price> byLongestName;

  private Prices(List<Price> prices) {
    List<Price> sorted = new ArrayList<>(prices);
    sorted.sort(Comparator.comparingInt((Price price) -> price.model().length()).reversed());
    this.byLongestName = List.copyOf(sorted);
  }

  static Prices parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    List<Price> prices = new ArrayList<>();
    for (String entry : text.split(";")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.lastIndexOf('=');
      int slash = trimmed.lastIndexOf('/');
      if (equals <= 0 || slash < equals) {
        throw new IllegalArgumentException("'" + trimmed + "' is not model=input/output");
      }
      String model = trimmed.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      double input = price(trimmed.substring(equals + 1, slash));
      double output = price(trimmed.substring(slash + 1));
      prices.add(new Price(model, input, output));
    }
    return new Prices(prices);
  }

  private static double price(String text) {
    double value = Double.parseDouble(text.trim());
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("'" + text.trim() + "' is not a price");
    }
    return value;
  }

  boolean isEmpty() {
    return byLongestName.isEmpty();
  }

  /** The price of a model, or {@code null} when none is listed for it. */
  Price of(String model) {
    if (model == null) {
      return null;
    }
    String name = model.toLowerCase(Locale.ROOT);
    for (Price price : byLongestName) {
      if (name.startsWith(price.model())) {
        return price;
      }
    }
    return null;
  }

  /** The cost of one call, in the table's currency; 0 for a model without a price. */
  double cost(String model, long inputTokens, long outputTokens) {
    Price price = of(model);
    if (price == null) {
      return 0;
    }
    return (Math.max(0, inputTokens) * price.inputPerMillion() + Math.max(0, outputTokens) * price.outputPerMillion())
        / 1_000_000.0;
  }
}
