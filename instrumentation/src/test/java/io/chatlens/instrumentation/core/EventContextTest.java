package io.chatlens.instrumentation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventContextTest {

  @Test
  void identityFirstThenPairsInOrderThenTraceIds() {
    Map<String, String> context = new EventContext("u-1", "s-1",
        new String[] {"command", "/search", "results", "3"}, "trace", "span");

    assertThat(context).containsExactly(Map.entry("user_id", "u-1"), Map.entry("session_id", "s-1"),
        Map.entry("command", "/search"), Map.entry("results", "3"), Map.entry("trace_id", "trace"),
        Map.entry("span_id", "span"));
  }

  @Test
  void pairsReplaceTheChatIdentityAndNullsAreLeftOut() {
    Map<String, String> context = new EventContext("u-1", "s-1",
        new String[] {"session_id", "s-2", "command", null, "user_id", null}, null, null);

    assertThat(context).containsExactly(Map.entry("session_id", "s-2"));
  }

  @Test
  void isReadOnlyAndStableAcrossReads() {
    Map<String, String> context = new EventContext(null, null, new String[] {"a", "1"}, null, null);

    assertThat(context.entrySet()).isSameAs(context.entrySet());
    assertThatThrownBy(() -> context.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
  }
}
