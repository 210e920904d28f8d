package io.chatlens.agent.alerts;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigFileText;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and reads the alert rules: {@code chatlens.alerts.file}, else {@code alerts.yaml} next to
 * agent.properties, else the built-in rules (config/alerts.yaml, packaged in the agent). A file that
 * cannot be read or is not YAML at all is reported and replaced by the built-in rules.
 */
public final class AlertRuleFiles {

  /** The name of the built-in rules in messages. */
  public static final String BUILT_IN = "built-in alerts.yaml";
  static final String FILE_NAME = "alerts.yaml";

  private AlertRuleFiles() {}

  /** The rules shipped with the agent: the content of config/alerts.yaml. */
  public static AlertRuleSet builtIn() {
    try (InputStream in = AlertRuleFiles.class.getResourceAsStream(FILE_NAME)) {
      if (in == null) {
        throw new IllegalStateException("the agent jar has no " + FILE_NAME);
      }
      return AlertRulesParser.parse(BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one file; {@code readable} is false when it is missing, unreadable or not YAML. */
  public static AlertRuleSet read(Path file) {
    String source = file.toString();
    try {
      ConfigFileText.Decoded text = ConfigFileText.read(file);
      AlertRuleSet parsed = AlertRulesParser.parse(source, text.text());
      if (text.invalidLines().isEmpty()) {
        return parsed;
      }
      List<ConfigProblem> problems = new ArrayList<>();
      text.invalidLines().forEach((line, what) -> problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, source,
          line, "", "", "this line is not UTF-8 text (" + what + "); expected UTF-8 text")));
      problems.addAll(parsed.problems());
      return new AlertRuleSet(parsed.source(), parsed.rules(), problems, parsed.readable(), parsed.channels(),
          parsed.logRetention());
    } catch (ConfigFileText.TooLargeException tooLarge) {
      return new AlertRuleSet(source, List.of(), List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, source, 0, "",
          "", tooLarge.getMessage())), false);
    } catch (IOException | UncheckedIOException unreadable) {
      String reason = Files.exists(file) ? "cannot be read: " + unreadable.getMessage() : "no such file";
      return new AlertRuleSet(source, List.of(), List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, source, 0, "",
          "", reason)), false);
    }
  }

  /** The rules the agent uses with this configuration. */
  public static AlertRuleSet forAgent(AgentConfig config) {
    Path file = locate(config);
    if (file == null) {
      return builtIn();
    }
    AlertRuleSet read = read(file);
    if (read.readable()) {
      return read;
    }
    List<ConfigProblem> problems = new ArrayList<>();
    for (ConfigProblem problem : read.problems()) {
      problems.add(new ConfigProblem(problem.severity(), problem.origin(), problem.line(), problem.key(), problem.value(),
          problem.message() + "; using the built-in alert rules"));
    }
    AlertRuleSet fallback = builtIn();
    problems.addAll(fallback.problems());
    return new AlertRuleSet(fallback.source(), fallback.rules(), problems, true);
  }

  /** Whether this configuration names an alerts file or has one next to agent.properties (else: the built-in rules). */
  public static boolean hasFile(AgentConfig config) {
    return locate(config) != null;
  }

  /** The configured file, or alerts.yaml next to agent.properties when it exists, else {@code null}. */
  static Path locate(AgentConfig config) {
    String configured = config.get(ConfigKeys.ALERTS_FILE);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured.strip());
    }
    Path properties = config.file();
    if (properties != null) {
      Path sibling = properties.toAbsolutePath().resolveSibling(FILE_NAME);
      if (Files.isRegularFile(sibling)) {
        return sibling;
      }
    }
    return null;
  }
}
