package io.chatlens.agent.logging;

import ch.qos.logback.core.encoder.EncoderBase;
import io.chatlens.instrumentation.core.ChatEvent;
import java.nio.charset.StandardCharsets;

/** Logback encoder that writes {@link SeedTextLayout} lines in UTF-8. */
final class SeedTextEncoder extends EncoderBase<ChatEvent> {

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ChatEvent event) {
    return SeedTextLayout.format(event).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
