package io.chatlens.instrumentation.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The sessions ChatLens has seen created and not yet cleaned up: the source of the active-sessions gauge,
 * of session durations and of interactions per session. Bounded: past the limit the least recently active
 * session is dropped (and reported as evicted).
 */
public final class SessionTable {

  /** One tracked session. */
  public static final class Entry {
    final String sessionId;
    final String userId;
    final long createdNanos;
    final AtomicLong interactions = new AtomicLong();
    volatile long lastActiveNanos;

    Entry(String sessionId, String userId, long now) {
      this.sessionId = sessionId;
      this.userId = userId;
      this.createdNanos = now;
      this.lastActiveNanos = now;
    }

    public String sessionId() {
      return sessionId;
    }

    public String userId() {
      return userId;
    }

    public long interactions() {
      return interactions.get();
    }

    public long ageNanos(long now) {
      return now - createdNanos;
    }
  }

  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
  private final int limit;
  private final LongSupplier clock;

  public SessionTable(int limit, LongSupplier nanoClock) {
    this.limit = limit;
    this.clock = nanoClock;
  }

  public long now() {
    return clock.getAsLong();
  }

  /** Records a new session; returns the sessions evicted to stay within the limit. */
  public List<Entry> created(String sessionId, String userId) {
    sessions.put(sessionId, new Entry(sessionId, userId, now()));
    if (sessions.size() <= limit) {
      return List.of();
    }
    return removeLeastRecentlyActive(sessions.size() - limit);
  }

  /** Records an interaction; a session never seen created (agent attached later) starts being tracked now. */
  public Entry touched(String sessionId) {
    Entry entry = sessions.computeIfAbsent(sessionId, id -> new Entry(id, null, now()));
    entry.interactions.incrementAndGet();
    entry.lastActiveNanos = now();
    return entry;
  }

  /** Removes a session; {@code null} if it was not tracked. */
  public Entry ended(String sessionId) {
    return sessions.remove(sessionId);
  }

  /** Removes the {@code count} least recently active sessions (a cleanup that only returned a count). */
  public List<Entry> removeLeastRecentlyActive(long count) {
    List<Entry> candidates = new ArrayList<>(sessions.values());
    candidates.sort(Comparator.comparingLong(entry -> entry.lastActiveNanos));
    List<Entry> removed = new ArrayList<>();
    for (Entry entry : candidates) {
      if (removed.size() >= count) {
        break;
      }
      if (sessions.remove(entry.sessionId, entry)) {
        removed.add(entry);
      }
    }
    return removed;
  }

  /** Removes sessions idle for longer than the timeout. */
  public List<Entry> removeIdle(long idleNanos) {
    long now = now();
    List<Entry> removed = new ArrayList<>();
    for (Entry entry : sessions.values()) {
      if (now - entry.lastActiveNanos > idleNanos && sessions.remove(entry.sessionId, entry)) {
        removed.add(entry);
      }
    }
    return removed;
  }

  /** The user of a tracked session, or {@code null}. */
  public String userOf(String sessionId) {
    Entry entry = sessionId == null ? null : sessions.get(sessionId);
    return entry == null ? null : entry.userId;
  }

  public int size() {
    return sessions.size();
  }
}
