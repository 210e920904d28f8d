package io.chatlens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentOptionsTest {

  @Test
  void splitsOnCommasFollowedByAKey() {
    assertThat(AgentOptions.parse("config=/etc/a.properties,chatlens.instrument.session=com.X#open*,close*,chatlens.debug=true"))
        .containsExactly(
            java.util.Map.entry("config", "/etc/a.properties"),
            java.util.Map.entry("chatlens.instrument.session", "com.X#open*,close*"),
            java.util.Map.entry("chatlens.debug", "true"));
  }

  @Test
  void emptyOptions() {
    assertThat(AgentOptions.parse(null)).isEmpty();
    assertThat(AgentOptions.parse("  ")).isEmpty();
  }
}
