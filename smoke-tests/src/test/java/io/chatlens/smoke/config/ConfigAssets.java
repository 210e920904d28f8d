package io.chatlens.smoke.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatlens.smoke.harness.Paths;
import io.chatlens.smoke.harness.Processes;
import io.chatlens.smoke.harness.Promtool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reading the files under {@code config/} and running promtool on them. */
final class ConfigAssets {

  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ConfigAssets() {}

  static Path configDir() {
    return Paths.repoRoot().resolve("config");
  }

  static Path dashboardsDir() {
    return configDir().resolve("grafana/dashboards");
  }

  static List<Path> dashboards() {
    return list(dashboardsDir(), ".json");
  }

  /** Every YAML file under config/, whoever wrote it. */
  static List<Path> yamlFiles() {
    try (Stream<Path> files = Files.walk(configDir())) {
      return files.filter(Files::isRegularFile)
          .filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> list(Path directory, String extension) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(extension)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A YAML document (YAML 1.2; duplicate keys are errors). */
  static Object yaml(Path file) {
    try {
      Load load = new Load(LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(false).build());
      return load.loadFromString(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yamlMap(Path file) {
    Object document = yaml(file);
    if (!(document instanceof Map)) {
      throw new IllegalStateException(file + " is not a YAML mapping");
    }
    return (Map<String, Object>) document;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> yamlList(Path file) {
    Object document = yaml(file);
    if (!(document instanceof List)) {
      throw new IllegalStateException(file + " is not a YAML list");
    }
    return (List<Map<String, Object>>) document;
  }

  /** A JSON object file as maps and lists (JSON is YAML). */
  static Map<String, Object> jsonMap(Path file) {
    return yamlMap(file);
  }

  /** The value at a path of keys, e.g. {@code at(compose, "services", "grafana", "ports")}. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object node, String... keys) {
    Object current = node;
    for (String key : keys) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(key);
    }
    return (T) current;
  }

  /** Runs promtool (Debian's prometheus package, which .ci/run installs); fails if it hangs for 2 minutes. */
  static Processes.Result promtool(Path workingDirectory, String... args) {
    return Promtool.find().run(workingDirectory, args);
  }
}
