package io.chatlens.agent.logging;

import ch.qos.logback.core.encoder.EncoderBase;
import io.chatlens.instrumentation.core.ChatEvent;
import java.nio.charset.StandardCharsets;

/** Logback encoder that writes {@link EcsJsonLayout} lines in UTF-8. */
final class EcsJsonEncoder extends EncoderBase<ChatEvent> {

  private final EcsJsonLayout layout;

  EcsJsonEncoder(String serviceName) {
    this.layout = new EcsJsonLayout(serviceName);
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ChatEvent event) {
    return layout.format(event).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
