package io.chatlens.agent.telemetry;

import io.chatlens.agent.redaction.LabelGuard;
import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the redaction stage to every string attribute and to every element of a string-array attribute, then
 * the label guard to the attributes that are low-cardinality dimensions ({@link LabelGuard#SPAN_DIMENSIONS});
 * returns the same instance when nothing changed.
 */
final class RedactedAttributes {

  private RedactedAttributes() {}

  /** Which dimensions are bounded besides redaction. */
  enum Bound { NONE, SPAN, LOG }

  static Attributes of(Attributes attributes, Redactor redactor) {
    return of(attributes, redactor, Bound.NONE);
  }

  @SuppressWarnings("unchecked")
  static Attributes of(Attributes attributes, Redactor redactor, Bound bound) {
    LabelGuard guard = redactor.labels();
    AttributesBuilder[] builder = new AttributesBuilder[1];
    attributes.forEach((key, value) -> {
      if (key.getType() == AttributeType.STRING) {
        if (redactor.isAgentVocabulary(key.getKey())) {
          return; // an enum word, a hash or a code name the agent wrote itself: nothing to find
        }
        String original = (String) value;
        String cleaned = redactor.redactAttribute(key.getKey(), original);
        if (bound == Bound.SPAN) {
          cleaned = guard.spanValue(key.getKey(), cleaned);
        } else if (bound == Bound.LOG) {
          cleaned = guard.logValue(key.getKey(), cleaned);
        }
        if (cleaned != original && cleaned.equals(original)) {
          cleaned = original;
        }
        if (cleaned != original) {
          if (builder[0] == null) {
            builder[0] = attributes.toBuilder();
          }
          builder[0].put((AttributeKey<String>) key, cleaned);
        }
      } else if (key.getType() == AttributeType.STRING_ARRAY) {
        List<String> original = (List<String>) value;
        List<String> cleaned = null;
        for (int i = 0; i < original.size(); i++) {
          String element = original.get(i);
          String redacted = redactor.redactAttribute(key.getKey(), element);
          if (redacted != element && cleaned == null) {
            cleaned = new ArrayList<>(original);
          }
          if (cleaned != null) {
            cleaned.set(i, redacted);
          }
        }
        if (cleaned != null) {
          if (builder[0] == null) {
            builder[0] = attributes.toBuilder();
          }
          builder[0].put((AttributeKey<List<String>>) key, cleaned);
        }
      }
    });
    return builder[0] == null ? attributes : builder[0].build();
  }
}
