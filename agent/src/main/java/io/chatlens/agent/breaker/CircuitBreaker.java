package io.chatlens.agent.breaker;

import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.instrumentation.core.LoadShedding;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Self-protection: samples heap after GC, GC time and the agent's own queue fill every
 * {@code chatlens.breaker.check-interval}, and moves the load-shedding level ({@link LoadShedding}) one step up when
 * stress holds for {@code chatlens.breaker.stress-duration}, one step down when relief holds for
 * {@code chatlens.breaker.relief-duration} ({@link BreakerStateMachine}). Each change is logged once (WARN when it
 * degrades, INFO when it recovers), counted in {@code chatlens.breaker.transitions}, shown as
 * {@code chatlens.breaker.level} and in {@code /health}. The application threads only ever read the level.
 */
public final class CircuitBreaker implements AutoCloseable {

  static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("direction");
  static final AttributeKey<String> ITEM = AttributeKey.stringKey("item");

  /** Where the one line per level change goes. */
  public interface Log {
    void degraded(String line);

    void recovered(String line);

    /** The agent's diagnostics: WARN and INFO lines on standard error and in the structured log. */
    Log DIAGNOSTICS = new Log() {
      @Override
      public void degraded(String line) {
        Diagnostics.warn(line);
      }

      @Override
      public void recovered(String line) {
        Diagnostics.info(line);
      }
    };
  }

  private final BreakerSettings settings;
  private final BreakerStateMachine machine;
  private final Supplier<StressSample> sampler;
  private final IntConsumer levelSink;
  private final Log log;
  private final LongSupplier clockMillis;
  private final AtomicLong degrades = new AtomicLong();
  private final AtomicLong recoveries = new AtomicLong();
  private volatile int level;
  private volatile long sinceMillis;
  private volatile String reason = "";
  private volatile StressSample last = StressSample.UNKNOWN;
  private volatile ScheduledExecutorService executor;
  private AutoCloseable resources;

  CircuitBreaker(BreakerSettings settings, Supplier<StressSample> sampler, IntConsumer levelSink, Log log,
      LongSupplier clockMillis) {
    this.settings = settings;
    this.machine = new BreakerStateMachine(settings);
    this.sampler = sampler;
    this.levelSink = levelSink;
    this.log = log;
    this.clockMillis = clockMillis;
    this.sinceMillis = clockMillis.getAsLong();
  }

  /**
   * Starts sampling on a daemon thread, or returns a breaker that stays at level 0 when
   * {@code chatlens.breaker.enabled=false}.
   *
   * @param queueFills fill of each of the agent's queues in percent (NaN when unknown)
   */
  public static CircuitBreaker start(BreakerSettings settings, List<DoubleSupplier> queueFills) {
    if (!settings.enabled()) {
      LoadShedding.level(LoadShedding.NORMAL);
      return new CircuitBreaker(settings, () -> StressSample.UNKNOWN, LoadShedding::level, Log.DIAGNOSTICS,
          System::currentTimeMillis);
    }
    // a reading of the old pools stays meaningful while collections keep touching them
    JvmStress jvm = new JvmStress(settings.stressDuration().compareTo(settings.checkInterval().multipliedBy(3)) > 0
        ? settings.stressDuration() : settings.checkInterval().multipliedBy(3));
    StressSampler sampler = new StressSampler(jvm, queueFills);
    CircuitBreaker breaker = new CircuitBreaker(settings, sampler, LoadShedding::level, Log.DIAGNOSTICS,
        System::currentTimeMillis);
    breaker.resources = sampler;
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "chatlens-breaker");
      thread.setDaemon(true);
      return thread;
    });
    long interval = Math.max(1, settings.checkInterval().toMillis());
    executor.scheduleAtFixedRate(breaker::tickSafely, interval, interval, TimeUnit.MILLISECONDS);
    breaker.executor = executor;
    Diagnostics.debug("circuit breaker on: old pools " + jvm.oldPoolNames() + ", every " + interval + " ms");
    return breaker;
  }

  private void tickSafely() {
    try {
      tick();
    } catch (Throwable fault) {
      // the breaker must keep sampling whatever happens (an OutOfMemoryError under the very stress it watches)
      Diagnostics.debug("circuit breaker sample failed: " + fault);
    }
  }

  /** One sample; moves the level when the state machine says so. */
  void tick() {
    StressSample sample = sampler.get();
    last = sample;
    BreakerStateMachine.Transition transition = machine.sample(sample);
    if (transition == null) {
      return;
    }
    levelSink.accept(transition.to());
    level = transition.to();
    sinceMillis = clockMillis.getAsLong();
    reason = transition.reason();
    String line = "self-protection: level " + transition.to() + " of " + settings.maxLevel() + " ("
        + BreakerStateMachine.describeLevel(transition.to()) + "), was " + transition.from() + ": " + transition.reason();
    if (transition.degrade()) {
      degrades.incrementAndGet();
      log.degraded(line + "; metrics and error counts stay exact");
    } else {
      recoveries.incrementAndGet();
      log.recovered(line);
    }
  }

  public int level() {
    return level;
  }

  public long degrades() {
    return degrades.get();
  }

  public long recoveries() {
    return recoveries.get();
  }

  /** {@code chatlens.breaker.level}, {@code chatlens.breaker.transitions} and {@code chatlens.breaker.shed}. */
  public void registerMetrics(Meter meter) {
    meter.gaugeBuilder("chatlens.breaker.level").ofLongs().setUnit("{level}")
        .setDescription("Load-shedding level of the agent's circuit breaker: 0 normal, 1 DEBUG/INFO events dropped, "
            + "2 span attributes cut to the essentials, 3 spans kept only for turns and failures.")
        .buildWithCallback(measurement -> measurement.record(level));
    meter.counterBuilder("chatlens.breaker.transitions").setUnit("{transition}")
        .setDescription("Level changes of the agent's circuit breaker, by direction (degrade, recover).")
        .buildWithCallback(measurement -> {
          measurement.record(degrades.get(), Attributes.of(DIRECTION, "degrade"));
          measurement.record(recoveries.get(), Attributes.of(DIRECTION, "recover"));
        });
    meter.counterBuilder("chatlens.breaker.shed").setUnit("{item}")
        .setDescription("Items the agent did not record because its circuit breaker was shedding load, by item "
            + "(log_event, span); metrics and error counts are never shed.")
        .buildWithCallback(measurement -> {
          measurement.record(LoadShedding.shedEvents(), Attributes.of(ITEM, "log_event"));
          measurement.record(LoadShedding.shedSpans(), Attributes.of(ITEM, "span"));
        });
  }

  /** The {@code breaker} object of {@code /health}. */
  public String healthJson() {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"enabled\":").append(settings.enabled()).append(",\"level\":").append(level)
        .append(",\"maxLevel\":").append(settings.maxLevel())
        .append(",\"shedding\":\"").append(BreakerStateMachine.describeLevel(level)).append('"')
        .append(",\"since\":\"").append(Instant.ofEpochMilli(sinceMillis)).append('"')
        .append(",\"reason\":\"").append(reason.replace("\\", "\\\\").replace("\"", "\\\"")).append('"')
        .append(",\"transitions\":{\"degrade\":").append(degrades.get()).append(",\"recover\":")
        .append(recoveries.get()).append('}');
    StressSample sample = last;
    out.append(",\"signals\":{\"heapAfterGcPercent\":").append(number(sample.heapAfterGc()))
        .append(",\"gcTimePercent\":").append(number(sample.gcTime()))
        .append(",\"queueFillPercent\":").append(number(sample.queueFill())).append('}')
        .append(",\"shed\":{\"log_event\":").append(LoadShedding.shedEvents()).append(",\"span\":")
        .append(LoadShedding.shedSpans()).append("}}");
    return out.toString();
  }

  private static String number(double value) {
    return Double.isFinite(value) ? Double.toString(Math.round(value * 10) / 10.0) : "null";
  }

  @Override
  public void close() {
    ScheduledExecutorService running = executor;
    if (running != null) {
      running.shutdownNow();
    }
    AutoCloseable owned = resources;
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception ignored) {
        // nothing to release
      }
    }
  }
}
