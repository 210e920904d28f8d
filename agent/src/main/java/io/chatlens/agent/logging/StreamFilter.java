package io.chatlens.agent.logging;

import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.chatlens.instrumentation.core.ChatEvent;

/** The Logback filter of one appender: it lets through exactly the events its {@link LogStream} holds. */
final class StreamFilter extends Filter<ChatEvent> {

  private final LogStream stream;
  private final ChatEvent.Level threshold;

  StreamFilter(LogStream stream, ChatEvent.Level threshold) {
    this.stream = stream;
    this.threshold = threshold;
  }

  @Override
  public FilterReply decide(ChatEvent event) {
    return stream.accepts(event, threshold) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
