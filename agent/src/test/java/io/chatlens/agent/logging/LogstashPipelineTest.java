package io.chatlens.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped Logstash pipelines use the seed's grok pattern (the one the format tests check) and index. */
class LogstashPipelineTest {

  private static final Path PIPELINES = Path.of("..", "config", "logstash");

  @Test
  void theTextPipelineUsesTheSeedGrokPatternDateFilterAndIndex() throws IOException {
    String pipeline = Files.readString(PIPELINES.resolve("chatbot.conf"));

    Matcher grok = Pattern.compile("match => \\{ \"message\" => \"(.*)\" }").matcher(pipeline);
    assertThat(grok.find()).isTrue();
    assertThat(grok.group(1)).isEqualTo(SeedGrok.SEED_PATTERN);
    // the log directory comes from CHATBOT_LOG_DIR (set by the compose file); daily indices ({now/d}) behind the
    // alias chatbot-logs, under the 30-day ILM policy
    assertThat(pipeline).contains("path => \"${CHATBOT_LOG_DIR:/var/log/chatbot}/*.log\"",
        "match => [ \"timestamp\", \"ISO8601\" ]", "ilm_rollover_alias => \"chatbot-logs\"",
        "ilm_pattern => \"{now/d}-000001\"", "ilm_policy => \"chatbot-logs-30d\"").doesNotContain("/path/to");
  }

  @Test
  void theJsonPipelineReadsLinesWithTheJsonCodec() throws IOException {
    String pipeline = Files.readString(PIPELINES.resolve("chatbot-json.conf"));

    assertThat(pipeline).contains("codec => \"json\"", "path => \"${CHATBOT_LOG_DIR:/var/log/chatbot}/*.log\"",
        "ilm_rollover_alias => \"chatbot-logs\"", "[event.dataset] == \"" + EcsJsonLayout.AUDIT_DATASET + "\"")
        .doesNotContain("/path/to");
  }
}
