package io.chatlens.agent.install;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.instrumentation.ComponentUnits;
import io.chatlens.instrumentation.core.ChatLensDispatcher;
import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.EventSink;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.ProbeRegistry;
import io.chatlens.instrumentation.core.Settings;
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.errors.ErrorCategorizer;
import io.chatlens.instrumentation.errors.ErrorFingerprint;
import io.chatlens.instrumentation.errors.ErrorGroups;
import io.chatlens.instrumentation.errors.ErrorSink;
import io.chatlens.instrumentation.errors.ErrorRecorder;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builds the settings and the dispatcher, with the handler of every component unit, from the configuration. */
public final class SemanticsFactory {

  private SemanticsFactory() {}

  public static Settings settings(AgentConfig config, UnaryOperator<String> redactor, UnaryOperator<String> userIds) {
    Settings settings = new Settings();
    settings.redactor = redactor;
    settings.userIdMapper = userIds;
    return settings;
  }

  /** The dispatcher with one handler per component unit ({@link ComponentUnits#ALL}). */
  public static ChatLensDispatcher dispatcher(AgentConfig config, Settings settings, OpenTelemetry openTelemetry,
      EventSink sink, ProbeRegistry registry) {
    return dispatcher(config, settings, openTelemetry, sink, registry,
        null);
  }

  /**
   * The dispatcher, with error groups kept in {@code errorDestinations}' table and sent to its tracker ({@code null}:
   * a table of {@code chatlens.errors.max-groups} and no tracker).
   */
  public static ChatLensDispatcher dispatcher(AgentConfig config, Settings settings, OpenTelemetry openTelemetry,
      EventSink sink, ProbeRegistry registry, ErrorRecorder.Destinations errorDestinations) {
    Instruments instruments = new Instruments(openTelemetry.getTracer(Instruments.SCOPE),
        openTelemetry.getMeter(Instruments.SCOPE));
    Events events = new Events(sink);
    java.util.concurrent.atomic.AtomicReference<ChatLensDispatcher> built = new java.util.concurrent.atomic.AtomicReference<>();
    UnitContext context = new UnitContext(instruments, events, settings, openTelemetry, () -> {
      ChatLensDispatcher dispatcher = built.get();
      return dispatcher == null ? 0 : dispatcher.inFlightTurns();
    }).values(declared -> config.get(ConfigKeys.of(declared)));
    if (errorDestinations != null) {
      context.with(ErrorRecorder.Destinations.class, errorDestinations);
    }
    Map<Component, ComponentHandler> handlers = new java.util.LinkedHashMap<>();
    for (ComponentUnit unit : ComponentUnits.ALL) {
      handlers.put(unit.component(), unit.handler(context));
    }
    // the errors unit built the recorder the dispatcher hands thrown exceptions to, with the groups table of GET /errors
    ErrorGroups groups = context.required(ErrorRecorder.Destinations.class).groups();
    instruments.meter.gaugeBuilder("chatbot.error_groups").ofLongs().setUnit("{group}")
        .setDescription("Error groups in the agent's table (GET /errors), without a label per fingerprint.")
        .buildWithCallback(measurement -> measurement.record(groups.size()));
    ChatLensDispatcher dispatcher = new ChatLensDispatcher(registry, instruments,
        context.required(io.chatlens.instrumentation.core.ThrownErrors.class), handlers)
        .mdc(io.chatlens.instrumentation.logs.MdcTraceIds::withTraceIds);
    built.set(dispatcher);
    return dispatcher;
  }
}
