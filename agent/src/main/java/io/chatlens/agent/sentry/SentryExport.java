package io.chatlens.agent.sentry;

import io.chatlens.agent.config.AgentConfig;
import io.chatlens.agent.config.ConfigKeys;
import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.redaction.Redactor;
import io.chatlens.instrumentation.errors.CapturedError;
import io.chatlens.instrumentation.errors.ErrorSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.sentry.ILogger;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.SpanContext;
import io.sentry.SpanId;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import io.sentry.protocol.User;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends captured errors to Sentry ({@code chatlens.sentry.dsn}, or the {@code SENTRY_DSN} variable) through the
 * official Sentry Java SDK, relocated inside the agent like every other library.
 *
 * <p>On the application's thread only two things happen: {@link #wants} (sampling and a per-group limit per minute)
 * and {@link #accept}, which puts an immutable copy in a bounded queue or counts it as dropped. One daemon thread
 * starts the SDK (so the SDK's start never delays the application's) and turns each copy into a Sentry event:
 * ChatLens's fingerprint, the exception chain with in-app frames marked, messages through the redaction stage,
 * {@code user.id} as exported (hashed when configured), tags for the session, category, command and component, the
 * trace context, environment and release. The SDK's own transport queues, retries, honours 429 and
 * {@code Retry-After}, and drops beyond its queue.
 */
public final class SentryExport implements ErrorSink, AutoCloseable {

  private static final AttributeKey<String> ENVIRONMENT = AttributeKey.stringKey("deployment.environment.name");
  private static final AttributeKey<String> OLD_ENVIRONMENT = AttributeKey.stringKey("deployment.environment");
  private static final AttributeKey<String> SERVICE_NAME = io.chatlens.instrumentation.core.Semconv.SERVICE_NAME;
  private static final AttributeKey<String> SERVICE_VERSION = io.chatlens.instrumentation.core.Semconv.SERVICE_VERSION;
  private static final CapturedError STOP = new CapturedError(0, "", "", "", false, null, "", null, null, null, null,
      null, List.of());
  private static final int MAX_TRACKED_GROUPS = 10_000;

  private final String dsn;
  private final double sampleRate;
  private final int maxPerGroupPerMinute;
  private final Redactor redactor;
  private final String environment;
  private final String release;
  private final BlockingQueue<CapturedError> queue;
  private final int queueSize;
  private final Map<String, long[]> perGroup = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > MAX_TRACKED_GROUPS;
    }
  };
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sampledOut = new AtomicLong();
  private final AtomicLong limited = new AtomicLong();
  private final Thread worker;
  private volatile boolean started;
  private volatile boolean stopping;

  private SentryExport(String dsn, AgentConfig config, Redactor redactor, Resource resource) {
    this.dsn = dsn;
    this.sampleRate = config.get(ConfigKeys.SENTRY_SAMPLE_RATE);
    this.maxPerGroupPerMinute = config.get(ConfigKeys.SENTRY_MAX_PER_GROUP);
    this.redactor = redactor;
    String configured = config.get(ConfigKeys.SENTRY_ENVIRONMENT);
    String fromResource = resource.getAttribute(ENVIRONMENT) != null ? resource.getAttribute(ENVIRONMENT)
        : resource.getAttribute(OLD_ENVIRONMENT);
    this.environment = configured != null && !configured.isBlank() ? configured : fromResource;
    String version = resource.getAttribute(SERVICE_VERSION);
    String service = resource.getAttribute(SERVICE_NAME);
    this.release = version == null ? null : (service == null ? version : service + "@" + version);
    this.queueSize = config.get(ConfigKeys.SENTRY_QUEUE_SIZE);
    this.queue = new ArrayBlockingQueue<>(queueSize);
    this.worker = new Thread(this::run, "chatlens-sentry");
    this.worker.setDaemon(true);
  }

  /**
   * The Sentry export, started, or {@code null} when no DSN is configured or the DSN is not one (after one error
   * naming the key, the value without its key part, and what is allowed).
   */
  public static SentryExport start(AgentConfig config, Redactor redactor, Resource resource) {
    return start(config, redactor, resource, System.getenv());
  }

  static SentryExport start(AgentConfig config, Redactor redactor, Resource resource, Map<String, String> environment) {
    if (!config.get(ConfigKeys.SENTRY_ENABLED)) {
      return null;
    }
    String dsn = config.get(ConfigKeys.SENTRY_DSN);
    String source = "chatlens.sentry.dsn";
    boolean rejected = config.problems().stream()
        .anyMatch(problem -> ConfigKeys.SENTRY_DSN.name().equals(problem.key()) && problem.isError());
    if (rejected || config.rawValue(ConfigKeys.SENTRY_DSN.name()) != null) {
      // set: a value the configuration check rejected was reported there, and means no Sentry (no fallback)
      if (dsn == null || dsn.isBlank()) {
        return null;
      }
    } else {
      dsn = environment.get("SENTRY_DSN");
      source = "the SENTRY_DSN variable";
    }
    if (dsn == null || dsn.isBlank()) {
      return null;
    }
    String problem = dsnProblem(dsn.trim());
    if (problem != null) {
      Diagnostics.error("Sentry export is off: " + source + " (" + masked(dsn.trim()) + ") " + problem
          + "; allowed: a Sentry DSN such as https://PUBLIC_KEY@o0.ingest.sentry.io/PROJECT_ID");
      return null;
    }
    SentryExport export = new SentryExport(dsn.trim(), config, redactor, resource);
    export.worker.start();
    return export;
  }

  /** Why a DSN is not one, or {@code null}. */
  static String dsnProblem(String dsn) {
    try {
      URI uri = new URI(dsn);
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
        return "is not an http or https URL";
      }
      if (uri.getRawUserInfo() == null || uri.getRawUserInfo().isBlank()) {
        return "has no public key (the part before @)";
      }
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (path.isEmpty() || path.endsWith("/") || !path.substring(path.lastIndexOf('/') + 1).matches("[0-9A-Za-z_-]+")) {
        return "has no project id (the last part of the path)";
      }
      return null;
    } catch (java.net.URISyntaxException invalid) {
      return "is not a URL";
    }
  }

  /** A DSN with its key replaced, for messages. */
  static String masked(String dsn) {
    int at = dsn.indexOf('@');
    int scheme = dsn.indexOf("://");
    if (at < 0) {
      return dsn; // no key in it
    }
    return scheme >= 0 && scheme < at ? dsn.substring(0, scheme + 3) + "***" + dsn.substring(at) : "***";
  }

  @Override
  public boolean wants(String fingerprint) {
    if (stopping) {
      return false;
    }
    if (sampleRate < 1.0 && ThreadLocalRandom.current().nextDouble() >= sampleRate) {
      sampledOut.incrementAndGet();
      return false;
    }
    long minute = System.currentTimeMillis() / 60_000L;
    synchronized (perGroup) {
      long[] window = perGroup.computeIfAbsent(fingerprint, key -> new long[2]);
      if (window[0] != minute) {
        window[0] = minute;
        window[1] = 0;
      }
      if (window[1] >= maxPerGroupPerMinute) {
        limited.incrementAndGet();
        return false;
      }
      window[1]++;
      return true;
    }
  }

  @Override
  public void accept(CapturedError error) {
    if (queue.offer(error)) {
      queued.incrementAndGet();
    } else {
      dropped.incrementAndGet();
    }
  }

  private void run() {
    try {
      long begin = System.nanoTime();
      Sentry.init(this::configure);
      started = true;
      Diagnostics.debug("Sentry SDK started in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms");
    } catch (RuntimeException | LinkageError failure) {
      Diagnostics.error("Sentry export is off: the Sentry SDK did not start (" + failure + ")");
      stopping = true;
      dropped.addAndGet(queue.size());
      queue.clear();
      return;
    }
    while (true) {
      CapturedError error;
      try {
        error = queue.take();
      } catch (InterruptedException interrupted) {
        return;
      }
      if (error == STOP) {
        return;
      }
      try {
        Sentry.captureEvent(toEvent(error));
        sent.incrementAndGet();
      } catch (RuntimeException | LinkageError failure) {
        dropped.incrementAndGet();
        Diagnostics.warnRateLimited("sentry", "an error could not be sent to Sentry: " + failure);
      }
    }
  }

  private void configure(SentryOptions options) {
    options.setDsn(dsn);
    options.setEnableExternalConfiguration(false); // the agent's configuration only: no sentry.properties
    options.setEnableUncaughtExceptionHandler(false);
    options.setEnableShutdownHook(false); // the agent's shutdown closes it, within its own time limit
    options.setEnableAutoSessionTracking(false);
    options.setSendDefaultPii(false);
    options.setAttachServerName(false); // no host name lookup
    options.setEnableDeduplication(false); // ChatLens already counts each error once
    options.setEnableBackpressureHandling(false);
    options.setEnableSpotlight(false);
    // client reports stay on: Sentry then shows what the SDK itself dropped (its queue full, rate limits, network)
    options.setMaxBreadcrumbs(0);
    options.setMaxQueueSize(queueSize);
    options.setConnectionTimeoutMillis(5_000);
    options.setReadTimeoutMillis(5_000);
    options.setShutdownTimeoutMillis(1_000);
    options.setFlushTimeoutMillis(1_000);
    options.setEnvironment(environment);
    options.setRelease(release);
    options.setDebug(Diagnostics.isDebug());
    options.setLogger(new DiagnosticsLogger(dsn, masked(dsn)));
  }

  /** The Sentry event of a captured error; messages and tags pass through the redaction stage here. */
  SentryEvent toEvent(CapturedError error) {
    SentryEvent event = new SentryEvent(new Date(error.epochMillis()));
    event.setLevel(error.userError() ? SentryLevel.WARNING : SentryLevel.ERROR);
    event.setLogger("chatlens");
    event.setFingerprints(List.of(error.fingerprint()));
    event.setExceptions(exceptions(error));
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("chatbot.error.category", error.category());
    tags.put("chatbot.error.fingerprint", error.fingerprint());
    putTag(tags, "chatlens.component", error.component());
    putTag(tags, "chatbot.command", error.command());
    putTag(tags, "session.id", error.sessionId());
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      event.setTag(redactor.redact(tag.getKey()),
          redactor.labels().spanValue(tag.getKey(), redactor.redactAttribute(tag.getKey(), tag.getValue())));
    }
    if (error.userId() != null) {
      User user = new User();
      user.setId(error.userId()); // already the exported form: hashed when chatlens.redaction.hash-user-ids is on
      event.setUser(user);
    }
    if (error.traceId() != null && error.spanId() != null) {
      SpanContext trace = new SpanContext(new SentryId(error.traceId()), new SpanId(error.spanId()),
          "chatbot." + (error.component() == null ? "turn" : error.component()), null, null);
      event.getContexts().setTrace(trace);
    }
    return event;
  }

  private static void putTag(Map<String, String> tags, String key, String value) {
    if (value != null && !value.isEmpty()) {
      tags.put(key, value);
    }
  }

  /** Sentry's order: the root cause first, the outermost exception last; frames from the oldest call to the newest. */
  private List<SentryException> exceptions(CapturedError error) {
    List<SentryException> exceptions = new ArrayList<>();
    List<CapturedError.Thrown> chain = error.chain();
    for (int i = chain.size() - 1; i >= 0; i--) {
      CapturedError.Thrown thrown = chain.get(i);
      SentryException exception = new SentryException();
      int dot = thrown.type().lastIndexOf('.');
      exception.setType(dot < 0 ? thrown.type() : thrown.type().substring(dot + 1));
      exception.setModule(dot < 0 ? null : thrown.type().substring(0, dot));
      exception.setValue(thrown.message() == null ? null : redactor.redact(thrown.message()));
      List<SentryStackFrame> frames = new ArrayList<>(thrown.frames().size());
      for (int f = thrown.frames().size() - 1; f >= 0; f--) {
        CapturedError.Frame frame = thrown.frames().get(f);
        SentryStackFrame stackFrame = new SentryStackFrame();
        stackFrame.setModule(frame.className());
        stackFrame.setFunction(frame.methodName());
        stackFrame.setFilename(frame.fileName());
        if (frame.lineNumber() >= 0) {
          stackFrame.setLineno(frame.lineNumber());
        }
        stackFrame.setInApp(frame.inApp());
        frames.add(stackFrame);
      }
      if (!frames.isEmpty()) {
        exception.setStacktrace(new SentryStackTrace(frames));
      }
      Mechanism mechanism = new Mechanism();
      mechanism.setType("chatlens");
      mechanism.setHandled(i == 0 ? error.handled() : null);
      exception.setMechanism(mechanism);
      exceptions.add(exception);
    }
    return exceptions;
  }

  String environment() {
    return environment;
  }

  String release() {
    return release;
  }

  /** Counters for /metrics and the health report: queued, sent, dropped, sampled out, over the per-group limit. */
  public Map<String, Long> counters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("queued", queued.get());
    counters.put("sent", sent.get());
    counters.put("dropped", dropped.get());
    counters.put("sampled_out", sampledOut.get());
    counters.put("rate_limited", limited.get());
    return counters;
  }

  /** Sends what is queued, within about {@code timeoutMillis}, and closes the SDK. */
  @Override
  public void close() {
    close(2_000);
  }

  public void close(long timeoutMillis) {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    if (!queue.offer(STOP)) {
      dropped.addAndGet(queue.size());
      queue.clear();
      queue.offer(STOP);
    }
    try {
      worker.join(Math.max(1, timeoutMillis / 2));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    worker.interrupt();
    if (started) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      Sentry.flush(left);
      Sentry.close();
    }
  }

  /** The SDK's diagnostics go to the agent's (debug only), with the DSN's key masked. */
  static final class DiagnosticsLogger implements ILogger {
    private final String dsn;
    private final String masked;

    DiagnosticsLogger(String dsn, String masked) {
      this.dsn = dsn;
      this.masked = masked;
    }

    @Override
    public void log(SentryLevel level, String message, Object... args) {
      if (isEnabled(level)) {
        Diagnostics.debug(mask("sentry: " + (args == null || args.length == 0 ? message : safeFormat(message, args))));
      }
    }

    @Override
    public void log(SentryLevel level, String message, Throwable throwable) {
      if (isEnabled(level)) {
        Diagnostics.debug(mask("sentry: " + message + (throwable == null ? "" : " (" + throwable + ")")));
      }
    }

    String mask(String line) {
      return line.replace(dsn, masked);
    }

    @Override
    public void log(SentryLevel level, Throwable throwable, String message, Object... args) {
      log(level, safeFormat(message, args), throwable);
    }

    @Override
    public boolean isEnabled(SentryLevel level) {
      return Diagnostics.isDebug();
    }

    private static String safeFormat(String message, Object... args) {
      try {
        return args == null || args.length == 0 ? message : String.format(message, args);
      } catch (RuntimeException badFormat) {
        return message;
      }
    }
  }
}
