package io.chatlens.agent.alerts;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers written for people and for PromQL: shortest exact form, no exponent, no trailing zeros. */
final class Thresholds {

  private Thresholds() {}

  /** {@code 0.05} stays {@code 0.05}, {@code 2.0} becomes {@code 2}. */
  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A measured value rounded to 3 significant digits, e.g. {@code 0.0734} or {@code 2.35}. */
  static String measured(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
