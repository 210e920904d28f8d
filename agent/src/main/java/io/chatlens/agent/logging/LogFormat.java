package io.chatlens.agent.logging;

import ch.qos.logback.core.encoder.Encoder;
import io.chatlens.instrumentation.core.ChatEvent;
import java.util.Locale;

/** The two formats of {@code chatlens.log.format}. */
public enum LogFormat {

  /** The seed's line format, parsed by the seed's grok pattern ({@code config/logstash/chatbot.conf}). */
  TEXT,

  /** One ECS JSON object per line ({@code config/logstash/chatbot-json.conf}). */
  JSON;

  /** The format named {@code text} or {@code json}, in any case. */
  public static LogFormat named(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  /** A new, not yet started encoder of this format. */
  Encoder<ChatEvent> newEncoder(String serviceName) {
    return this == JSON ? new EcsJsonEncoder(serviceName) : new SeedTextEncoder();
  }
}
