package io.chatlens.instrumentation.core;

import io.opentelemetry.api.OpenTelemetry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a {@link ComponentUnit} builds its handler from: the instruments, events and settings every handler uses, the
 * OpenTelemetry the agent built, and services that several components share, looked up by type (the session table of
 * the turn and session components, the error recorder of the dispatcher and the errors component). Used on the
 * agent's initialisation thread only.
 */
public final class UnitContext {

  private final Instruments instruments;
  private final Events events;
  private final Settings settings;
  private final OpenTelemetry openTelemetry;
  private final LongSupplier inFlightTurns;
  private final Map<Class<?>, Object> shared = new LinkedHashMap<>();
  private java.util.function.Function<UnitKey<?>, Object> values = key -> key.parse(null);

  public UnitContext(Instruments instruments, Events events, Settings settings, OpenTelemetry openTelemetry,
      LongSupplier inFlightTurns) {
    this.instruments = instruments;
    this.events = events;
    this.settings = settings;
    this.openTelemetry = openTelemetry;
    this.inFlightTurns = inFlightTurns;
  }

  public Instruments instruments() {
    return instruments;
  }

  public Events events() {
    return events;
  }

  public Settings settings() {
    return settings;
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The turns being handled right now (for metric callbacks; 0 before the dispatcher exists). */
  public LongSupplier inFlightTurns() {
    return inFlightTurns;
  }

  /** Where the values of the units' own keys ({@link ComponentUnit#keys()}) come from: the agent's configuration. */
  public UnitContext values(java.util.function.Function<UnitKey<?>, Object> source) {
    this.values = source;
    return this;
  }

  /** The configured value of one of a unit's own keys, parsed (its default when it is not set). */
  @SuppressWarnings("unchecked")
  public <T> T value(UnitKey<T> key) {
    return (T) values.apply(key);
  }

  /** Registers a service the agent built for the units to share. */
  public <T> UnitContext with(Class<T> type, T service) {
    shared.put(type, service);
    return this;
  }

  /** The shared service of this type, created by {@code create} by the first unit that asks for it. */
  public <T> T shared(Class<T> type, Supplier<T> create) {
    return type.cast(shared.computeIfAbsent(type, missing -> create.get()));
  }

  /** A service the agent registered with {@link #with}; fails when it did not. */
  public <T> T required(Class<T> type) {
    Object service = shared.get(type);
    if (service == null) {
      throw new IllegalStateException("no shared " + type.getSimpleName() + " registered for the component units");
    }
    return type.cast(service);
  }
}
