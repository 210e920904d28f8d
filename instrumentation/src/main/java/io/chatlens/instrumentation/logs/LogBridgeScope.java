package io.chatlens.instrumentation.logs;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.Unshaded;
import io.chatlens.instrumentation.weaving.WeavingScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;

/**
 * The application's own logging frameworks: Logback ({@code Logger#callAppenders}), Log4j 2
 * ({@code Logger#logMessage}, and {@code Logger#log} with a location since 2.20) and java.util.logging ({@code Logger#log(LogRecord)}), so their events are
 * also exported as OpenTelemetry log records; and Logback's {@code LoggingEvent#getMDCPropertyMap} and
 * Log4j 2's {@code ThreadContextDataInjector} implementations ({@code injectContextData}), so {@code trace_id}
 * and {@code span_id} appear in the application's MDC (Logback) or context data (Log4j 2, {@code %X{trace_id}})
 * while a span is active.
 */
public final class LogBridgeScope implements WeavingScope {

  static final String LOGBACK_LOGGER = Unshaded.name("#ch.qos.logback.classic.Logger");
  static final String LOGBACK_EVENT = Unshaded.name("#ch.qos.logback.classic.spi.LoggingEvent");
  static final String LOG4J_LOGGER = "org.apache.logging.log4j.core.Logger";
  static final String JUL_LOGGER = "java/util/logging/Logger";
  static final Set<String> LOG4J_INJECTORS = Set.of(
      "org.apache.logging.log4j.core.impl.ThreadContextDataInjector$ForDefaultThreadContextMap",
      "org.apache.logging.log4j.core.impl.ThreadContextDataInjector$ForGarbageFreeThreadContextMap",
      "org.apache.logging.log4j.core.impl.ThreadContextDataInjector$ForCopyOnWriteThreadContextMap");

  private final boolean bridge;
  private final boolean mdc;

  public LogBridgeScope(boolean bridge, boolean mdc) {
    this.bridge = bridge;
    this.mdc = mdc;
  }

  @Override
  public String name() {
    return "logs";
  }

  @Override
  public Component component() {
    return Component.LOGS;
  }

  @Override
  public boolean includesLibraries() {
    return true;
  }

  @Override
  public boolean matchesClassName(String binaryName) {
    return bridge && (binaryName.equals(LOGBACK_LOGGER) || binaryName.equals(LOG4J_LOGGER))
        || mdc && (binaryName.equals(LOGBACK_EVENT) || LOG4J_INJECTORS.contains(binaryName));
  }

  @Override
  public Set<String> rootTypes() {
    return Set.of();
  }

  @Override
  public Set<String> rootSimpleNames() {
    return Set.of();
  }

  @Override
  public Set<String> jdkTypes() {
    return bridge ? Set.of(JUL_LOGGER) : Set.of();
  }

  @Override
  public List<Choice> choose(TypeDescription type, String root) {
    List<Choice> choices = new ArrayList<>();
    String name = type.getName();
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      int parameters = method.getParameters().size();
      String methodName = method.getName();
      if (name.equals(LOGBACK_LOGGER) && methodName.equals("callAppenders") && parameters == 1) {
        choices.add(new Choice(method, LogRoles.LOGBACK));
      } else if (name.equals(LOG4J_LOGGER) && methodName.equals("logMessage") && parameters == 5) {
        choices.add(new Choice(method, LogRoles.LOG4J));
      } else if (name.equals(LOG4J_LOGGER) && methodName.equals("log") && parameters == 6
          && method.getParameters().get(3).getType().asErasure().getName().equals("java.lang.StackTraceElement")) {
        choices.add(new Choice(method, LogRoles.LOG4J_LOCATION));
      } else if (name.equals(JUL_LOGGER.replace('/', '.')) && methodName.equals("log") && parameters == 1
          && method.getParameters().get(0).getType().asErasure().getName().equals("java.util.logging.LogRecord")) {
        choices.add(new Choice(method, LogRoles.JUL));
      } else if (name.equals(LOGBACK_EVENT) && methodName.equals("getMDCPropertyMap") && parameters == 0) {
        choices.add(new Choice(method, LogRoles.MDC, AdviceKind.MDC));
      } else if (LOG4J_INJECTORS.contains(name) && methodName.equals("injectContextData") && parameters == 2) {
        choices.add(new Choice(method, LogRoles.MDC, AdviceKind.MDC));
      }
    }
    return choices;
  }
}
