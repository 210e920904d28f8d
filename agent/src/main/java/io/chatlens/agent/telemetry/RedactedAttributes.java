package io.chatlens.agent.telemetry;

import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/** Applies the redaction stage to every string attribute; returns the same instance when nothing changed. */
final class RedactedAttributes {

  private RedactedAttributes() {}

  static Attributes of(Attributes attributes, Redactor redactor) {
    AttributesBuilder[] builder = new AttributesBuilder[1];
    attributes.forEach((key, value) -> {
      if (key.getType() == AttributeType.STRING) {
        String original = (String) value;
        String cleaned = redactor.redactAttribute(key.getKey(), original);
        if (cleaned != original) {
          if (builder[0] == null) {
            builder[0] = attributes.toBuilder();
          }
          @SuppressWarnings("unchecked")
          AttributeKey<String> stringKey = (AttributeKey<String>) key;
          builder[0].put(stringKey, cleaned);
        }
      }
    });
    return builder[0] == null ? attributes : builder[0].build();
  }
}
