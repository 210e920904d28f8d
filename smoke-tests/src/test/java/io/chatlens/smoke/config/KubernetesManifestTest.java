package io.chatlens.smoke.config;

import static io.chatlens.smoke.config.ConfigAssets.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.smoke.harness.AgentCli;
import io.chatlens.smoke.harness.Paths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config/kubernetes/chatbot.yaml, read the way kubectl reads it (one List of a ConfigMap and a Deployment): its
 * agent.properties passes the agent's own check, the agent path is the one the README's Dockerfile copies to, the
 * properties are mounted where -javaagent looks for them, and the probes ask the agent's health paths on its port.
 * (There is no cluster where ChatLens is developed: the manifest is checked statically.)
 */
class KubernetesManifestTest {

  private static final Path MANIFEST = ConfigAssets.configDir().resolve("kubernetes/chatbot.yaml");

  @TempDir
  Path dir;

  private Map<String, Map<String, Object>> byKind() {
    Map<String, Object> list = ConfigAssets.yamlMap(MANIFEST);
    assertThat((String) at(list, "kind")).isEqualTo("List");
    List<Map<String, Object>> items = at(list, "items");
    assertThat(items).isNotEmpty();
    return items.stream().collect(Collectors.toMap(item -> (String) item.get("kind"), item -> item));
  }

  @Test
  void itsAgentPropertiesPassTheAgentsCheck() throws Exception {
    Map<String, Object> configMap = byKind().get("ConfigMap");
    assertThat(configMap).isNotNull();
    String properties = at(configMap, "data", "agent.properties");
    assertThat(properties).contains("otel.service.name=", "chatlens.instrument.turn=");
    Path file = dir.resolve("agent.properties");
    Files.writeString(file, properties);

    AgentCli.Result check = AgentCli.run(dir, "config", "--check", file.toString());

    assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
  }

  @Test
  void theDeploymentAttachesTheAgentFromTheReadmesPathsAndProbesItsHealth() throws Exception {
    Map<String, Map<String, Object>> kinds = byKind();
    Map<String, Object> deployment = kinds.get("Deployment");
    assertThat(deployment).isNotNull();
    List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
    assertThat(containers).hasSize(1);
    Map<String, Object> container = containers.get(0);
    List<Map<String, Object>> env = at(container, "env");
    assertThat(env).isNotEmpty();
    Map<String, Object> variables = env.stream().collect(Collectors.toMap(e -> (String) e.get("name"),
        e -> e.containsKey("value") ? e.get("value") : e.get("valueFrom")));

    String toolOptions = (String) variables.get("JAVA_TOOL_OPTIONS");
    String readme = Files.readString(Paths.repoRoot().resolve("README.md"));
    assertThat(readme).as("the README's Dockerfile").contains("COPY chatlens-agent.jar /opt/chatlens/chatlens-agent.jar");
    assertThat(toolOptions).isEqualTo("-javaagent:/opt/chatlens/chatlens-agent.jar=config=/etc/chatbot/agent.properties");
    // the ConfigMap is mounted where config= points
    List<Map<String, Object>> mounts = at(container, "volumeMounts");
    assertThat(mounts).isNotEmpty().anySatisfy(mount -> {
      assertThat(mount.get("mountPath")).isEqualTo("/etc/chatbot");
      List<Map<String, Object>> volumes = at(deployment, "spec", "template", "spec", "volumes");
      assertThat(volumes).anySatisfy(volume -> {
        assertThat(volume.get("name")).isEqualTo(mount.get("name"));
        assertThat((String) at(volume, "configMap", "name")).isEqualTo(at(kinds.get("ConfigMap"), "metadata", "name"));
      });
    });
    // the endpoint listens on the pod's address, and the probes ask its health paths on its port
    assertThat(variables.get("CHATLENS_PROMETHEUS_HOST")).isEqualTo("0.0.0.0");
    List<Map<String, Object>> ports = at(container, "ports");
    assertThat(ports).singleElement().satisfies(port -> assertThat(port.get("containerPort")).isEqualTo(9464));
    assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/health/live");
    assertThat(container).as("a collector that is down must not take replicas out of the Service")
        .doesNotContainKey("readinessProbe");
    assertThat((Object) at(container, "livenessProbe", "httpGet", "port")).isEqualTo(ports.get(0).get("name"));
    // the environment variables are the agent's names for documented keys
    String reference = Files.readString(Paths.repoRoot().resolve("docs/configuration.md"));
    for (String name : variables.keySet()) {
      if (name.startsWith("CHATLENS_")) {
        String key = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        String dashed = key.replaceFirst("\\.auth\\.token$", ".auth-token");
        assertThat(reference).as(name).containsAnyOf("`" + key + "`", "`" + dashed + "`");
      }
    }
    assertThat((String) variables.get("OTEL_RESOURCE_ATTRIBUTES")).contains("service.instance.id=$(POD_NAME)");
  }
}
