package io.chatlens.instrumentation.session;

import io.chatlens.instrumentation.accessor.Accessor;
import io.chatlens.instrumentation.accessor.Guess;
import io.chatlens.instrumentation.core.BaseHandler;
import io.chatlens.instrumentation.core.CallState;
import io.chatlens.instrumentation.core.ChatContext;
import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.Events;
import io.chatlens.instrumentation.core.Instruments;
import io.chatlens.instrumentation.core.Invocation;
import io.chatlens.instrumentation.core.Labels;
import io.chatlens.instrumentation.core.Probe;
import io.chatlens.instrumentation.core.Settings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Session lifecycle: each method has a role ({@code create}, {@code update} or {@code cleanup}).
 * Records {@code session.id} and {@code user.id}, the active-sessions gauge, sessions created and ended,
 * session duration and interactions per session, and an audit event for every session created or ended.
 */
public final class SessionHandler extends BaseHandler {

  /** The session id a call named at entry, for its exit. */
  private static final CallState<String> SESSION_ID = CallState.of("session id", String.class);

  static final AttributeKey<String> ROLE = AttributeKey.stringKey("chatbot.session.role");

  private final SessionTable table;
  private final Labels endLabels = Labels.of("reason");
  private volatile WeakReference<Object> lastManager = new WeakReference<>(null);
  private final AtomicLong callbackFaults = new AtomicLong();
  private static final Object[] NO_ARGUMENTS = new Object[0];
  /** Most elements of a cleanup method's returned collection or array read for the session ids it ended. */
  static final int MAX_CLEANUP_ELEMENTS = 1000;
  private final AtomicLong unreadCleanups = new AtomicLong();

  /**
   * The session unit's keys ({@code SessionUnit}): where the session id, the user id and the application's own
   * active-session count are read ({@code null}: the documented heuristics), and the idle timeout ({@code null}: none).
   */
  public record Options(Accessor sessionId, Accessor userId, Accessor activeCount, java.time.Duration idleTimeout) {
    /** The defaults: the heuristics, no idle timeout. */
    public static Options defaults() {
      return new Options(null, null, null, null);
    }
  }

  private final Options options;

  /** With the defaults ({@link Options#defaults()}). */
  public SessionHandler(Instruments instruments, Events events, Settings settings, SessionTable table) {
    this(instruments, events, settings, table, Options.defaults());
  }

  public SessionHandler(Instruments instruments, Events events, Settings settings, SessionTable table, Options options) {
    super(instruments, events, settings);
    this.table = table;
    this.options = options;
    instruments.meter.gaugeBuilder("chatbot.active_sessions").ofLongs().setUnit("{session}")
        .setDescription("Sessions currently active.")
        .buildWithCallback(measurement -> measurement.record(activeSessions()));
  }

  @Override
  protected void addAttributes(Probe probe, AttributesBuilder attributes) {
    attributes.put(ROLE, role(probe));
  }

  private static String role(Probe probe) {
    return probe.role() == null ? SessionRoles.UPDATE : probe.role();
  }

  /**
   * The application's own count when an accessor names it, else the sessions ChatLens tracks. Runs on the metric
   * thread: the accessor ({@code chatlens.session.active-count}) is read on the session manager last seen (held
   * weakly); if it throws, the tracked count is reported and the fault counted.
   */
  long activeSessions() {
    if (options.idleTimeout() != null) {
      for (SessionTable.Entry expired : table.removeIdle(options.idleTimeout().toNanos())) {
        recordEnd(expired, "expired");
      }
    }
    if (options.activeCount() != null) {
      Object manager = lastManager.get();
      if (manager != null) {
        try {
          Object count = options.activeCount().read(manager, NO_ARGUMENTS, null);
          if (count instanceof Number number) {
            return number.longValue();
          }
        } catch (Throwable fault) {
          // the application's accessor failed on the metric thread: fall back to the sessions ChatLens tracks
          callbackFaults.incrementAndGet();
        }
      }
    }
    return table.size();
  }

  /** Reads of {@code chatlens.session.active-count} that threw on the metric thread. */
  @Override
  public long callbackFaults() {
    return callbackFaults.get();
  }

  /**
   * Cleanup calls whose returned value was not read: neither a number, nor a JDK collection, an array of objects or
   * an {@code Optional} (a lazy or one-shot collection of the application is never iterated).
   */
  long unreadCleanups() {
    return unreadCleanups.get();
  }

  @Override
  public void onEnter(Invocation invocation) {
    if (invocation.self() != null && lastManager.get() != invocation.self()) {
      lastManager = new WeakReference<>(invocation.self());
    }
    if (!SessionRoles.CREATE.equals(role(invocation.probe()))) {
      String sessionId = options.sessionId() != null
          ? Guess.text(options.sessionId().readBeforeReturn(invocation.self(), invocation.args()))
          : Guess.sessionIdArgument(invocation.args());
      invocation.put(SESSION_ID, sessionId);
      ChatContext chat = invocation.chat();
      if (chat != null && sessionId != null) {
        chat.sessionId(sessionId);
        if (chat.userId() == null) {
          String userId = table.userOf(sessionId);
          chat.userId(userId);
        }
      }
    }
  }

  @Override
  public void onExit(Invocation invocation, Object returned, Throwable thrown, long durationNanos) {
    if (thrown != null) {
      return;
    }
    switch (role(invocation.probe())) {
      case SessionRoles.CREATE -> created(invocation, returned);
      case SessionRoles.CLEANUP -> cleanedUp(invocation, returned);
      default -> updated(invocation, returned);
    }
  }

  private void created(Invocation invocation, Object returned) {
    Object self = invocation.self();
    Object[] args = invocation.args();
    String sessionId = options.sessionId() != null ? Guess.text(options.sessionId().read(self, args, returned))
        : Guess.sessionId(returned);
    String userId = options.userId() != null ? Guess.text(options.userId().read(self, args, returned))
        : firstNonNull(Guess.userIdProperty(returned), Guess.firstString(args));
    if (sessionId == null) {
      return;
    }
    String shownUser = userId == null ? null : settings.userIdMapper.apply(userId);
    for (SessionTable.Entry evicted : table.created(sessionId, shownUser)) {
      recordEnd(evicted, "evicted");
    }
    instruments.sessionsCreated.add(1);
    invocation.span().setAttribute(Instruments.SESSION_ID, sessionId);
    if (shownUser != null) {
      invocation.span().setAttribute(Instruments.USER_ID, shownUser);
    }
    ChatContext chat = invocation.chat();
    if (chat != null) {
      chat.sessionId(sessionId);
      chat.userId(shownUser);
    }
    events.emit(invocation, ChatEvent.Level.INFO, "Created new session for", null, true,
        "user_id", shownUser, "session_id", sessionId);
  }

  private void updated(Invocation invocation, Object returned) {
    String sessionId = invocation.get(SESSION_ID);
    if (sessionId == null) {
      sessionId = options.sessionId() != null
          ? Guess.text(options.sessionId().read(invocation.self(), invocation.args(), returned))
          : Guess.sessionId(returned);
    }
    if (sessionId == null) {
      return;
    }
    SessionTable.Entry entry = table.touched(sessionId, evicted -> recordEnd(evicted, "evicted"));
    instruments.interactions.add(1);
    invocation.span().setAttribute(Instruments.SESSION_ID, sessionId);
    if (events.admits(invocation, ChatEvent.Level.DEBUG, false)) {
      events.emit(invocation, ChatEvent.Level.DEBUG, "Updated session", null, false,
          "user_id", entry.userId(), "session_id", sessionId, "interactions", Long.toString(entry.interactions()));
    }
  }

  private void cleanedUp(Invocation invocation, Object returned) {
    String reason = reasonOf(invocation.probe().methodName());
    List<SessionTable.Entry> ended = new ArrayList<>();
    String sessionId = invocation.get(SESSION_ID);
    if (sessionId != null) {
      add(ended, table.ended(sessionId));
    } else if (returned instanceof Iterable<?> || returned instanceof java.util.Optional<?>
        || returned != null && returned.getClass().isArray()) {
      List<Object> items = Guess.elements(returned, MAX_CLEANUP_ELEMENTS);
      if (items == null) {
        unreadCleanups.incrementAndGet(); // not a value read without side effects: never iterated
      } else {
        for (Object item : items) {
          add(ended, table.ended(Guess.sessionId(item)));
        }
      }
    } else if (returned instanceof Number count && count.longValue() > 0) {
      ended.addAll(table.removeLeastRecentlyActive(count.longValue()));
    }
    for (SessionTable.Entry entry : ended) {
      recordEnd(entry, reason);
      events.emit(invocation, ChatEvent.Level.INFO, "Cleaned up session (" + reason + ") after "
              + entry.interactions() + " interactions", null, true,
          "user_id", entry.userId(), "session_id", entry.sessionId(),
          "duration_ms", Long.toString(entry.ageNanos(table.now()) / 1_000_000));
    }
    if (ended.size() == 1) {
      invocation.span().setAttribute(Instruments.SESSION_ID, ended.get(0).sessionId());
    }
  }

  private void recordEnd(SessionTable.Entry entry, String reason) {
    instruments.sessionsEnded.add(1, endLabels.get(reason));
    instruments.sessionDuration.record(seconds(entry.ageNanos(table.now())));
    instruments.sessionInteractions.record(entry.interactions());
  }

  private static void add(List<SessionTable.Entry> ended, SessionTable.Entry entry) {
    if (entry != null) {
      ended.add(entry);
    }
  }

  static String reasonOf(String methodName) {
    String name = methodName.toLowerCase(Locale.ROOT);
    return name.contains("expire") || name.contains("idle") || name.contains("timeout") || name.contains("evict")
        || name.contains("sweep") || name.contains("prune") || name.contains("purge") ? "expired" : "closed";
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
