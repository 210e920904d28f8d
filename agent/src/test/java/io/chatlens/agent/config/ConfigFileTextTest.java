package io.chatlens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agent.properties is UTF-8 text of at most 1 MB; a byte order mark is dropped; bad bytes are named by line. */
class ConfigFileTextTest {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir
  Path dir;

  private Path write(byte[]... parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    Path file = dir.resolve("agent.properties");
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private AgentConfig load(Path file) {
    return ConfigLoader.load("config=" + file, new HashMap<>(), new Properties(), dir);
  }

  @Test
  void aByteOrderMarkIsDroppedSoTheFirstKeyIsRead() throws IOException {
    Path file = write(BOM, utf8("otel.service.name=with-bom\r\nchatlens.log.level=debug\n"));

    PropertiesFileReader.Result result = PropertiesFileReader.read(file);
    AgentConfig config = load(file);

    assertThat(result.problems()).isEmpty();
    assertThat(result.entries()).extracting(PropertiesFileReader.Entry::key)
        .containsExactly("otel.service.name", "chatlens.log.level");
    assertThat(result.entries().get(1).line()).isEqualTo(2);
    assertThat(config.problems()).isEmpty();
    assertThat(config.serviceName()).isEqualTo("with-bom");
    assertThat(config.get(ConfigKeys.LOG_LEVEL)).isEqualTo("debug");
  }

  @Test
  void aByteOrderMarkInAlreadyDecodedTextIsDroppedToo() {
    PropertiesFileReader.Result result = PropertiesFileReader.parse("agent.properties", "\uFEFFchatlens.debug=true");

    assertThat(result.problems()).isEmpty();
    assertThat(result.entries()).extracting(PropertiesFileReader.Entry::key).containsExactly("chatlens.debug");
  }

  @Test
  void aFileOverOneMegabyteIsRefusedWithOneErrorAndTheDefaultsApply() throws IOException {
    byte[] filler = utf8("# " + "x".repeat(1022) + "\n");
    ByteArrayOutputStream big = new ByteArrayOutputStream();
    big.writeBytes(utf8("chatlens.log.level=debug\n"));
    while (big.size() <= ConfigFileText.MAX_BYTES) {
      big.writeBytes(filler);
    }
    Path file = write(big.toByteArray());
    long size = Files.size(file);

    assertThatThrownBy(() -> PropertiesFileReader.read(file)).isInstanceOf(ConfigFileText.TooLargeException.class);
    AgentConfig config = load(file);

    assertThat(config.problems()).hasSize(1);
    assertThat(config.problems().get(0).render()).isEqualTo("ERROR " + file + ": the file is " + size
        + " bytes, over the limit of 1048576 bytes (1 MB) for a configuration file; it is not read; using defaults");
    assertThat(config.get(ConfigKeys.LOG_LEVEL)).isEqualTo("info");
    assertThat(config.get(ConfigKeys.ENABLED)).isTrue();
  }

  @Test
  void aFileOfExactlyOneMegabyteIsRead() throws IOException {
    byte[] head = utf8("chatlens.log.level=warn\n#");
    byte[] rest = new byte[ConfigFileText.MAX_BYTES - head.length];
    java.util.Arrays.fill(rest, (byte) 'x');
    Path file = write(head, rest);

    assertThat(Files.size(file)).isEqualTo(ConfigFileText.MAX_BYTES);
    assertThat(load(file).get(ConfigKeys.LOG_LEVEL)).isEqualTo("warn");
  }

  @Test
  void invalidUtf8IsReportedWithItsLineAndOnlyThatLineIsIgnored() throws IOException {
    Path file = write(utf8("chatlens.log.level=debug\n# caf"), new byte[] {(byte) 0xE9}, utf8("\nchatlens.alerts.email.from=Ren"),
        new byte[] {(byte) 0xE9}, utf8(" <ops@example.com>\notel.service.name=still-read\n"));

    AgentConfig config = load(file);

    assertThat(config.problems()).extracting(ConfigProblem::render).containsExactly(
        "WARN " + file + ":2: this comment is not UTF-8 text (invalid byte 0xE9 at column 6); expected UTF-8 text",
        "ERROR " + file + ":3: 'chatlens.alerts.email.from=Ren\uFFFD <ops@example.com>': this line is not UTF-8 text "
            + "(invalid byte 0xE9 at column 31); expected UTF-8 text; the line is ignored and "
            + "chatlens.alerts.email.from keeps its default");
    assertThat(config.get(ConfigKeys.LOG_LEVEL)).isEqualTo("debug");
    assertThat(config.serviceName()).isEqualTo("still-read");
  }

  @Test
  void anInvalidLineOfASecretLookingKeyNeverShowsItsValue() throws IOException {
    Path file = write(utf8("chatlens.alerts.email.pasword=hunter"), new byte[] {(byte) 0xFF}, utf8("2\n"),
        utf8("db.api_tokn=abc\\u12\n"));

    AgentConfig config = load(file);

    assertThat(config.problems()).isNotEmpty();
    assertThat(config.problems()).extracting(ConfigProblem::render)
        .allSatisfy(line -> assertThat(line).doesNotContain("hunter").doesNotContain("abc"))
        .anySatisfy(line -> assertThat(line).startsWith("ERROR " + file + ":1: 'chatlens.alerts.email.pasword=****'"))
        .anySatisfy(line -> assertThat(line).startsWith("ERROR " + file + ":2: 'db.api_tokn=****': this line cannot be read"));
  }

  @Test
  void decodesLineByLineAcrossLineEndings() {
    ConfigFileText.Decoded decoded = ConfigFileText.decode(new byte[] {'a', '\r', '\n', (byte) 0xC3, '\r', 'b', '\n',
        (byte) 0xC3, (byte) 0xA9});

    assertThat(decoded.text()).isEqualTo("a\r\n\uFFFD\rb\n\u00E9");
    assertThat(decoded.invalidLines()).containsOnlyKeys(2);
    assertThat(decoded.invalidLines().get(2)).isEqualTo("invalid byte 0xC3 at column 1");
  }
}
