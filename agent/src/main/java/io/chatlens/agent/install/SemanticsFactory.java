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
    settings.countUserErrorsAsErrors = config.get(ConfigKeys.USER_ERRORS_ARE_ERRORS);
    settings.redactor = redactor;
    settings.userIdMapper = userIds;
    return settings;
  }

  /** The dispatcher with one handler per component unit ({@link ComponentUnits#ALL}). */
  public static ChatLensDispatcher dispatcher(AgentConfig config, Settings settings, OpenTelemetry openTelemetry,
      EventSink sink, ProbeRegistry registry) {
    return dispatcher(config, settings, openTelemetry, sink, registry,
        new ErrorRecorder.Destinations(ErrorGroups.withCapacity(config.get(ConfigKeys.ERROR_MAX_GROUPS)), ErrorSink.NONE));
  }

  /** The dispatcher, with error groups kept in {@code errorDestinations}' table and sent to its tracker. */
  public static ChatLensDispatcher dispatcher(AgentConfig config, Settings settings, OpenTelemetry openTelemetry,
      EventSink sink, ProbeRegistry registry, ErrorRecorder.Destinations errorDestinations) {
    Instruments instruments = new Instruments(openTelemetry.getTracer(Instruments.SCOPE),
        openTelemetry.getMeter(Instruments.SCOPE));
    Events events = new Events(sink);
    String rules = config.get(ConfigKeys.ERROR_CATEGORIES);
    ErrorCategorizer categorizer = rules == null || rules.isBlank() ? ErrorCategorizer.defaults()
        : ErrorCategorizer.withRules(rules);
    ErrorFingerprint fingerprints = ErrorFingerprint.of(config.get(ConfigKeys.ERROR_APP_PACKAGES),
        "frames+message".equals(config.get(ConfigKeys.ERROR_FINGERPRINT)) ? ErrorFingerprint.Grouping.FRAMES_AND_MESSAGE
            : ErrorFingerprint.Grouping.FRAMES);
    ErrorRecorder errors = new ErrorRecorder(fingerprints, categorizer, instruments, events, settings,
        errorDestinations);
    ErrorGroups groups = errorDestinations.groups();
    instruments.meter.gaugeBuilder("chatbot.error_groups").ofLongs().setUnit("{group}")
        .setDescription("Error groups in the agent's table (GET /errors), without a label per fingerprint.")
        .buildWithCallback(measurement -> measurement.record(groups.size()));
    java.util.concurrent.atomic.AtomicReference<ChatLensDispatcher> built = new java.util.concurrent.atomic.AtomicReference<>();
    UnitContext context = new UnitContext(instruments, events, settings, openTelemetry, () -> {
      ChatLensDispatcher dispatcher = built.get();
      return dispatcher == null ? 0 : dispatcher.inFlightTurns();
    }).with(ErrorRecorder.class, errors).values(declared -> config.get(ConfigKeys.of(declared)));
    Map<Component, ComponentHandler> handlers = new java.util.LinkedHashMap<>();
    for (ComponentUnit unit : ComponentUnits.ALL) {
      handlers.put(unit.component(), unit.handler(context));
    }
    ChatLensDispatcher dispatcher = new ChatLensDispatcher(registry, instruments, errors, handlers)
        .mdc(io.chatlens.instrumentation.logs.MdcTraceIds::withTraceIds);
    built.set(dispatcher);
    return dispatcher;
  }
}
