package io.chatlens.agent.alerts;

/** Which side of its threshold makes a rule's condition true. */
public enum Comparison {
  /** {@code above: 0.05}: the value is greater than the threshold. */
  ABOVE(">"),
  /** {@code below: 0.1}: the value is less than the threshold. */
  BELOW("<");

  private final String operator;

  Comparison(String operator) {
    this.operator = operator;
  }

  /** The PromQL comparison operator. */
  public String operator() {
    return operator;
  }

  /** The YAML key, {@code above} or {@code below}. */
  public String key() {
    return this == ABOVE ? "above" : "below";
  }

  public boolean holds(double value, double threshold) {
    return this == ABOVE ? value > threshold : value < threshold;
  }
}
