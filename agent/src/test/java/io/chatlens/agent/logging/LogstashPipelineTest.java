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
    assertThat(pipeline).contains("path => \"/path/to/chatbot/logs/*.log\"", "match => [ \"timestamp\", \"ISO8601\" ]",
        "index => \"chatbot-logs-%{+YYYY.MM.dd}\"");
  }

  @Test
  void theJsonPipelineReadsLinesWithTheJsonCodec() throws IOException {
    String pipeline = Files.readString(PIPELINES.resolve("chatbot-json.conf"));

    assertThat(pipeline).contains("codec => \"json\"", "path => \"/path/to/chatbot/logs/*.log\"",
        "index => \"chatbot-logs-%{+YYYY.MM.dd}\"", "[event.dataset] == \"" + EcsJsonLayout.AUDIT_DATASET + "\"");
  }
}
