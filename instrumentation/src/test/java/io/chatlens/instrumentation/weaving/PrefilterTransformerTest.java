package io.chatlens.instrumentation.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.jdbc.JdbcScope;
import io.chatlens.instrumentation.logs.LogBridgeScope;
import io.chatlens.instrumentation.matching.ComponentScope;
import io.chatlens.instrumentation.matching.MethodPattern;
import java.io.IOException;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.DynamicType;
import org.junit.jupiter.api.Test;

class PrefilterTransformerTest {

  private static PrefilterTransformer prefilter(WeavingScope... scopes) {
    return new PrefilterTransformer(List.of(scopes), new Exclusions(List.of()), 10, new WeavingListener() {
      @Override
      public void onWoven(String className, List<io.chatlens.instrumentation.core.Probe> probes) {}

      @Override
      public void onError(String className, Throwable fault) {}

      @Override
      public void onWarning(String message) {}
    });
  }


  @Test
  void jdkAndAgentClassesAreExcludedBeforeAnythingIsParsed() {
    PrefilterTransformer prefilter = prefilter(new JdbcScope());
    assertThat(prefilter.candidate("java/lang/String", null)).isNull();
    assertThat(prefilter.candidate("io/chatlens/agent/AgentStarter", null)).isNull();
    assertThat(prefilter.candidate("com/acme/Foo$$EnhancerByCGLIB$$1", null)).isNull();
  }

  @Test
  void followsTheHierarchyThroughDirectSupertypesOnly() throws IOException {
    PrefilterTransformer prefilter = prefilter(new JdbcScope());
    DynamicType.Unloaded<?> statement = new ByteBuddy().subclass(Object.class).implement(java.sql.Statement.class)
        .name("com.acme.db.FakeStatement").make();
    DynamicType.Unloaded<?> sub = new ByteBuddy().subclass(statement.getTypeDescription())
        .name("com.acme.db.FakeSubStatement").make();
    DynamicType.Unloaded<?> unrelated = new ByteBuddy().subclass(Object.class).name("com.acme.db.Unrelated").make();
    assertThat(prefilter.candidate("com/acme/db/FakeStatement", statement.getBytes())).isNotNull();
    assertThat(prefilter.candidate("com/acme/db/FakeSubStatement", sub.getBytes())).as("subclass of a marked class")
        .isNotNull();
    assertThat(prefilter.candidate("com/acme/db/Unrelated", unrelated.getBytes())).isNull();
  }

  @Test
  void conventionsSkipLibrariesButExactPatternsDoNot() {
    ComponentScope convention = new ComponentScope(Component.SESSION, MethodPattern.parse("*SessionManager"), "c", true);
    ComponentScope exact = new ComponentScope(Component.SESSION,
        MethodPattern.parse("org.springframework.session.SessionManager#create"), "k", false);
    assertThat(prefilter(convention).candidate("org/springframework/session/SessionManager", null)).isNull();
    assertThat(prefilter(convention).candidate("com/acme/chat/SessionManager", null)).isNotNull();
    assertThat(prefilter(exact).candidate("org/springframework/session/SessionManager", null)).isNotNull();
  }

  @Test
  void logFrameworksAreCandidates() {
    PrefilterTransformer prefilter = prefilter(new LogBridgeScope(true, true));
    assertThat(prefilter.candidate("ch/qos/logback/classic/Logger", null)).isNotNull();
    assertThat(prefilter.candidate("ch/qos/logback/classic/spi/LoggingEvent", null)).isNotNull();
    assertThat(prefilter.candidate("org/apache/logging/log4j/core/Logger", null)).isNotNull();
    assertThat(prefilter.candidate("java/util/logging/Logger", null)).isNotNull();
    assertThat(prefilter.candidate("java/util/logging/Level", null)).isNull();
  }
}
