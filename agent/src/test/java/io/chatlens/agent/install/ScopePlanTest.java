package io.chatlens.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigLoader;
import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.jdbc.JdbcScope;
import io.chatlens.instrumentation.logs.LogBridgeScope;
import io.chatlens.instrumentation.matching.ComponentScope;
import io.chatlens.instrumentation.runtime.ExecutorScope;
import io.chatlens.instrumentation.weaving.WeavingScope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which scopes the agent weaves, from the configuration alone: patterns, conventions and library switches. */
class ScopePlanTest {

  @TempDir
  Path dir;

  private AgentConfig config(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return ConfigLoader.load(null, Map.of(), properties, dir);
  }

  private static List<ComponentScope> components(ScopePlan plan) {
    return plan.scopes().stream().filter(ComponentScope.class::isInstance).map(ComponentScope.class::cast).toList();
  }

  @Test
  void withNothingConfiguredEveryComponentFollowsItsConventionAndTheLibrariesAreOn() {
    ScopePlan plan = ScopePlan.from(config());

    List<ComponentScope> components = components(plan);
    assertThat(components).isNotEmpty().allMatch(ComponentScope::isConvention);
    assertThat(components).extracting(ComponentScope::component).contains(Component.TURN, Component.SESSION,
        Component.PARSER, Component.SEARCH, Component.DATABASE, Component.ERRORS);
    assertThat(plan.scopes()).hasAtLeastOneElementOfType(JdbcScope.class)
        .hasAtLeastOneElementOfType(LogBridgeScope.class).hasAtLeastOneElementOfType(ExecutorScope.class);
    assertThat(plan.summary()).contains("jdbc", "app-logs")
        .anyMatch(line -> line.startsWith("turn=") && line.endsWith(" (convention)"));
  }

  @Test
  void aConfiguredPatternReplacesTheComponentsConventionAndNamesItsKey() {
    ScopePlan plan = ScopePlan.from(config("chatlens.instrument.turn", "com.acme.Bot#respond;com.acme.Bot#reply"));

    List<ComponentScope> turns = components(plan).stream().filter(scope -> scope.component() == Component.TURN)
        .toList();
    assertThat(turns).hasSize(2).noneMatch(ComponentScope::isConvention);
    assertThat(turns).extracting(scope -> scope.pattern().toString())
        .containsExactly("com.acme.Bot#respond", "com.acme.Bot#reply");
    assertThat(plan.summary()).contains("turn=com.acme.Bot#respond;com.acme.Bot#reply");
    assertThat(components(plan)).filteredOn(scope -> scope.component() == Component.SEARCH)
        .isNotEmpty().allMatch(ComponentScope::isConvention);
  }

  @Test
  void withoutAutoDetectOnlyConfiguredComponentsAndTheSwitchedOnLibrariesAreWoven() {
    ScopePlan plan = ScopePlan.from(config("chatlens.instrument.auto-detect", "false",
        "chatlens.instrument.search", "com.acme.Finder#find", "chatlens.instrument.jdbc", "false",
        "chatlens.instrument.app-logs", "false", "chatlens.instrument.mdc", "false", "chatlens.runtime.metrics", "false"));

    assertThat(components(plan)).singleElement().satisfies(scope -> {
      assertThat(scope.component()).isEqualTo(Component.SEARCH);
      assertThat(scope.pattern().toString()).isEqualTo("com.acme.Finder#find");
    });
    List<WeavingScope> scopes = plan.scopes();
    assertThat(scopes).hasSize(1);
    assertThat(plan.summary()).containsExactly("search=com.acme.Finder#find");
  }

  /** A session manager as an application would write it: lifecycle methods and a getter. */
  public static final class SessionManager {
    public String createSession(String user) {
      return user;
    }

    public void touch(String id) {}

    public int getActiveCount() {
      return 0;
    }

    public String describe(String id) {
      return id;
    }
  }

  private static Map<String, String> chosenRoles(ComponentScope scope, Class<?> type) {
    Map<String, String> roles = new java.util.TreeMap<>();
    for (WeavingScope.Choice choice : scope.choose(net.bytebuddy.description.type.TypeDescription.ForLoadedType.of(type),
        null)) {
      roles.put(choice.method().getName(), String.valueOf(choice.role()));
    }
    return roles;
  }

  @Test
  void sessionMethodsGetTheirLifecycleRoleFromTheSessionUnit() {
    ComponentScope convention = components(ScopePlan.from(config())).stream()
        .filter(scope -> scope.component() == Component.SESSION).findFirst().orElseThrow();
    // the convention weaves lifecycle methods only: a getter or a method whose name says nothing is skipped
    assertThat(chosenRoles(convention, SessionManager.class))
        .containsExactly(Map.entry("createSession", "create"), Map.entry("touch", "update"));

    ComponentScope configured = components(ScopePlan.from(config("chatlens.instrument.session",
        ScopePlanTest.class.getName() + "$SessionManager#*Session,describe,close:cleanup"))).stream()
        .filter(scope -> scope.component() == Component.SESSION).findFirst().orElseThrow();
    // a method the user's pattern names but whose name says nothing is an update
    assertThat(chosenRoles(configured, SessionManager.class))
        .containsExactly(Map.entry("createSession", "create"), Map.entry("describe", "update"));
  }

  @Test
  void theLlmConventionsNameLibraryTypesWhoseImplementationsAreWoven() {
    List<ComponentScope> llm = components(ScopePlan.from(config())).stream()
        .filter(scope -> scope.component().key().equals("llm")).toList();
    assertThat(llm).isNotEmpty().allSatisfy(scope -> {
      assertThat(scope.isConvention()).isTrue();
      assertThat(scope.includesLibraries()).as("LangChain4j and Spring AI are libraries").isTrue();
      assertThat(scope.rootTypes()).as("their implementations are found by supertype").hasSize(1);
    });
    assertThat(llm).flatExtracting(ComponentScope::rootTypes).contains("dev/langchain4j/model/chat/ChatModel",
        "org/springframework/ai/chat/model/ChatModel");
    // an application convention never selects library classes
    assertThat(components(ScopePlan.from(config()))).filteredOn(scope -> scope.component() == Component.SEARCH)
        .isNotEmpty().noneMatch(ComponentScope::includesLibraries);
  }
}
