package io.chatlens.agent.logging;

import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import io.chatlens.instrumentation.core.ChatEvent;

/**
 * The encoder every appender of a {@link LogRouter} shares: an event that goes to several files (the main
 * file and its level file, the audit file) is formatted once. Used by the single log-writer thread only.
 */
final class FormatOnce extends EncoderBase<ChatEvent> {

  private final Encoder<ChatEvent> format;
  private ChatEvent lastEvent;
  private byte[] lastBytes;

  FormatOnce(Encoder<ChatEvent> format) {
    this.format = format;
  }

  @Override
  public void start() {
    if (!format.isStarted()) {
      format.setContext(getContext());
      format.start();
    }
    super.start();
  }

  @Override
  public byte[] headerBytes() {
    return format.headerBytes();
  }

  @Override
  public byte[] encode(ChatEvent event) {
    if (event != lastEvent) {
      lastBytes = format.encode(event);
      lastEvent = event;
    }
    return lastBytes;
  }

  @Override
  public byte[] footerBytes() {
    return format.footerBytes();
  }
}
