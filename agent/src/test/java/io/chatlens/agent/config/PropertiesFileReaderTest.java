package io.chatlens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PropertiesFileReaderTest {

  @Test
  void readsKeysWithTheirLineNumbers() {
    PropertiesFileReader.Result result = PropertiesFileReader.parse("agent.properties", String.join("\n",
        "# comment",
        "! another comment",
        "",
        "chatlens.debug = true",
        "  otel.service.name: chatbot",
        "chatlens.instrument.session com.acme.Sessions#open*,close*"));

    assertThat(result.problems()).isEmpty();
    assertThat(result.entries()).containsExactly(
        new PropertiesFileReader.Entry("chatlens.debug", "true", 4),
        new PropertiesFileReader.Entry("otel.service.name", "chatbot", 5),
        new PropertiesFileReader.Entry("chatlens.instrument.session", "com.acme.Sessions#open*,close*", 6));
  }

  @Test
  void joinsContinuationLinesAndKeepsTheFirstLine() {
    PropertiesFileReader.Result result = PropertiesFileReader.parse("f", String.join("\n",
        "chatlens.instrument.session=com.acme.Sessions#open*,\\",
        "    close*,\\",
        "    expire*",
        "next=1"));

    assertThat(result.entries()).containsExactly(
        new PropertiesFileReader.Entry("chatlens.instrument.session", "com.acme.Sessions#open*,close*,expire*", 1),
        new PropertiesFileReader.Entry("next", "1", 4));
  }

  @Test
  void decodesEscapes() {
    PropertiesFileReader.Result result = PropertiesFileReader.parse("f", "a\\=b=x\\ty\\u0041\nc=d\\\\");

    assertThat(result.entries()).containsExactly(
        new PropertiesFileReader.Entry("a=b", "x\tyA", 1),
        new PropertiesFileReader.Entry("c", "d\\", 2));
  }

  @Test
  void reportsMalformedLinesWithoutStopping() {
    PropertiesFileReader.Result result = PropertiesFileReader.parse("agent.properties", String.join("\n",
        "good=1",
        "bad=\\u12",
        "=novalue",
        "also.good=2"));

    assertThat(result.entries()).extracting(PropertiesFileReader.Entry::key).containsExactly("good", "also.good");
    assertThat(result.problems()).hasSize(2);
    assertThat(result.problems().get(0).render()).startsWith("ERROR agent.properties:2:").contains("\\u");
    assertThat(result.problems().get(1).render()).startsWith("ERROR agent.properties:3:").contains("no key");
  }

  @Test
  void survivesBinaryGarbage() {
    PropertiesFileReader.Result result = PropertiesFileReader.parse("f", "\u0000\u0001\u0002=\u00ff\n\\");

    assertThat(result.entries()).hasSize(1);
  }
}
