package io.chatlens.agent.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corpus of PiiCorpusSmokeTest, checked against the redaction stage alone (fast feedback; the smoke test drives
 * the same corpus through every output of a real agent).
 */
class PiiCorpusTest {

  private static final Path CORPUS = Path.of("../smoke-tests/src/test/resources/pii-corpus.txt");

  @Test
  void everySecretOfTheCorpusIsRedactedAndInnocentMessagesPassUnchanged() throws Exception {
    Redactor redactor = Redactor.withDefaults();
    List<String> lines = Files.readAllLines(CORPUS, StandardCharsets.UTF_8);
    int leaks = 0;
    int passes = 0;
    for (String line : lines) {
      if (line.startsWith("LEAK ")) {
        String[] parts = line.substring(5).split(" \\|\\|\\| ");
        String message = parts[0].replace("\\n", "\n");
        String redacted = redactor.redact(message);
        for (int i = 1; i < parts.length; i++) {
          assertThat(redacted).as(message).doesNotContain(parts[i]);
        }
        assertThat(redactor.labels().value("chatbot.commands", "command", message)).as(message)
            .doesNotContain(parts[1]);
        leaks++;
      } else if (line.startsWith("PASS ")) {
        String message = line.substring(5);
        assertThat(redactor.redact(message)).isSameAs(message);
        passes++;
      }
    }
    assertThat(leaks).isGreaterThanOrEqualTo(30);
    assertThat(passes).isGreaterThanOrEqualTo(5);
  }
}
