package io.chatlens.instrumentation.errors;

import io.chatlens.instrumentation.core.Component;
import io.chatlens.instrumentation.core.ComponentHandler;
import io.chatlens.instrumentation.core.ComponentUnit;
import io.chatlens.instrumentation.core.ThrownErrors;
import io.chatlens.instrumentation.core.UnitContext;
import io.chatlens.instrumentation.core.UnitKey;
import java.util.ArrayList;
import java.util.List;

/** The application's error handlers: every error they receive is categorized, grouped and recorded. */
public final class ErrorsUnit implements ComponentUnit {

  static final UnitKey<String> CATEGORIES = new UnitKey<>("chatlens.errors.categories", "Semantics", "",
      "category:rule,rule;category:rule where a rule is a class name, a glob like *Timeout* or message~text",
      "Extra error category rules, checked before the defaults: category:rule,rule;category:rule where a rule is a "
          + "class name (and its subclasses), a simple-name glob like *Timeout*, or message~text.", raw -> {
            if (!raw.isBlank()) {
              ErrorCategorizer.withRules(raw);
            }
            return raw.trim();
          });
  static final UnitKey<List<String>> APP_PACKAGES = new UnitKey<>("chatlens.errors.app-packages", "Semantics", "",
      "a comma-separated list", "Package prefixes of the application; error fingerprints use their frames. Default: "
          + "every frame outside the JDK and common libraries.", raw -> {
            List<String> values = new ArrayList<>();
            for (String part : raw.split(",")) {
              if (!part.isBlank()) {
                values.add(part.trim());
              }
            }
            return List.copyOf(values);
          });
  static final UnitKey<String> FINGERPRINT = new UnitKey<>("chatlens.errors.fingerprint", "Semantics", "frames",
      "one of frames, frames+message",
      "What groups errors. frames (Sentry's rule): the exception type chain and the top in-app frames (class and "
          + "method, no line numbers); the message template only when there is no in-app frame, so one throw site is "
          + "one group whatever users type. frames+message: the message template always, for messages that tell "
          + "errors apart.", raw -> {
            String value = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (!value.equals("frames") && !value.equals("frames+message")) {
              throw new IllegalArgumentException();
            }
            return value;
          });
  /** Also read by the agent, which keeps the table of error groups for {@code GET /errors} and Sentry. */
  public static final UnitKey<Integer> MAX_GROUPS = UnitKey.integer("chatlens.errors.max-groups", "Semantics", 1000, 10,
      50_000, "Most error groups kept for GET /errors (the least recently seen is evicted beyond; one that comes back "
          + "is announced again). About 1 KB of heap per group.");
  static final UnitKey<Boolean> USER_ERRORS_ARE_ERRORS = UnitKey.bool("chatlens.errors.user-errors-are-errors",
      "Semantics", false, "Count user errors (invalid commands, validation) as system errors too.");

  @Override
  public Component component() {
    return Component.ERRORS;
  }

  @Override
  public java.util.Set<String> vocabularyAttributes() {
    return java.util.Set.of(ErrorRecorder.CATEGORY.getKey(), ErrorRecorder.FINGERPRINT.getKey());
  }

  @Override
  public String description() {
    return "error capture and reporting";
  }

  @Override
  public String conventions() {
    return "*ErrorHandler#handle*,report*,capture*,record*,on*";
  }

  @Override
  public String patternsDescription() {
    return "Error handler methods: any Throwable argument they receive is captured as an error.";
  }

  @Override
  public List<UnitKey<?>> keys() {
    return List.of(CATEGORIES, APP_PACKAGES, FINGERPRINT, MAX_GROUPS, USER_ERRORS_ARE_ERRORS);
  }

  /**
   * The handler, and the error recorder it shares with the dispatcher (registered in the context as
   * {@link ThrownErrors}): built from this unit's keys, with the groups table and tracker the agent registered
   * ({@link ErrorRecorder.Destinations}, the defaults when it registered none).
   */
  @Override
  public ComponentHandler handler(UnitContext context) {
    ErrorRecorder recorder = recorder(context);
    context.with(ThrownErrors.class, recorder);
    return new ErrorsHandler(context.instruments(), context.events(), context.settings(), recorder);
  }

  static ErrorRecorder recorder(UnitContext context) {
    return context.shared(ErrorRecorder.class, () -> {
      String rules = context.value(CATEGORIES);
      ErrorCategorizer categorizer = rules == null || rules.isBlank() ? ErrorCategorizer.defaults()
          : ErrorCategorizer.withRules(rules);
      ErrorFingerprint fingerprints = ErrorFingerprint.of(context.value(APP_PACKAGES),
          "frames+message".equals(context.value(FINGERPRINT)) ? ErrorFingerprint.Grouping.FRAMES_AND_MESSAGE
              : ErrorFingerprint.Grouping.FRAMES);
      ErrorRecorder.Destinations destinations = context.shared(ErrorRecorder.Destinations.class,
          () -> new ErrorRecorder.Destinations(ErrorGroups.withCapacity(context.value(MAX_GROUPS)), ErrorSink.NONE));
      return new ErrorRecorder(fingerprints, categorizer, context.instruments(), context.events(), context.settings(),
          destinations, context.value(USER_ERRORS_ARE_ERRORS));
    });
  }
}
