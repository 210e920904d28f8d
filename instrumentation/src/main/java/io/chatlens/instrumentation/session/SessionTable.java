package io.chatlens.instrumentation.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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

  // Access order: the head is always the least recently active session, so eviction and the idle sweep are O(1)
  // per removed session, never a scan or a sort. Every access is a short critical section.
  private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(256, 0.75f, true);
  private final int limit;
  private final LongSupplier clock;

  /** The table the turn and session components share, created by the first of them that asks. */
  public static SessionTable in(io.chatlens.instrumentation.core.UnitContext context) {
    return context.shared(SessionTable.class,
        () -> new SessionTable(context.value(SessionUnit.MAX_TRACKED), System::nanoTime));
  }

  public SessionTable(int limit, LongSupplier nanoClock) {
    this.limit = Math.max(1, limit);
    this.clock = nanoClock;
  }

  public long now() {
    return clock.getAsLong();
  }

  /** Records a new session; returns the sessions evicted to stay within the limit. */
  public List<Entry> created(String sessionId, String userId) {
    synchronized (sessions) {
      sessions.put(sessionId, new Entry(sessionId, userId, now()));
      return evictBeyondLimit();
    }
  }

  /** Records an interaction; evictions it causes are not reported (see {@link #touched(String, java.util.function.Consumer)}). */
  public Entry touched(String sessionId) {
    return touched(sessionId, evicted -> { });
  }

  /**
   * Records an interaction; a session never seen created (agent attached later) starts being tracked now, within
   * the same limit: the least recently active session is evicted and handed to {@code onEvicted} (after the lock).
   */
  public Entry touched(String sessionId, java.util.function.Consumer<Entry> onEvicted) {
    List<Entry> evicted;
    Entry entry;
    synchronized (sessions) {
      entry = sessions.get(sessionId);
      long now = now();
      evicted = List.of();
      if (entry == null) {
        entry = new Entry(sessionId, null, now);
        sessions.put(sessionId, entry);
        evicted = evictBeyondLimit();
      }
      entry.interactions.incrementAndGet();
      entry.lastActiveNanos = now;
    }
    evicted.forEach(onEvicted);
    return entry;
  }

  private List<Entry> evictBeyondLimit() {
    if (sessions.size() <= limit) {
      return List.of();
    }
    List<Entry> evicted = new ArrayList<>(1);
    Iterator<Entry> eldest = sessions.values().iterator();
    while (sessions.size() > limit && eldest.hasNext()) {
      evicted.add(eldest.next());
      eldest.remove();
    }
    return evicted;
  }

  /** Removes a session; {@code null} if it was not tracked. */
  public Entry ended(String sessionId) {
    synchronized (sessions) {
      return sessions.remove(sessionId);
    }
  }

  /**
   * At most this many sessions are removed per hold of the table's lock, so that a sweep of a large table never
   * keeps an application thread waiting for long: the sweep releases the lock between batches.
   */
  static final int BATCH = 1_000;

  /** Removes the {@code count} least recently active sessions (a cleanup that only returned a count). */
  public List<Entry> removeLeastRecentlyActive(long count) {
    List<Entry> removed = new ArrayList<>();
    boolean more = true;
    while (more && removed.size() < count) {
      synchronized (sessions) {
        Iterator<Entry> eldest = sessions.values().iterator();
        int batch = 0;
        while (removed.size() < count && batch < BATCH && eldest.hasNext()) {
          removed.add(eldest.next());
          eldest.remove();
          batch++;
        }
        more = eldest.hasNext();
      }
    }
    return removed;
  }

  /**
   * Removes sessions idle for longer than the timeout: the oldest first, stopping at the first active one, in batches
   * of at most {@link #BATCH} per hold of the lock.
   */
  public List<Entry> removeIdle(long idleNanos) {
    long now = now();
    List<Entry> removed = new ArrayList<>();
    boolean more = true;
    while (more) {
      synchronized (sessions) {
        Iterator<Entry> eldest = sessions.values().iterator();
        int batch = 0;
        more = false;
        while (eldest.hasNext()) {
          if (batch == BATCH) {
            more = true;
            break;
          }
          Entry entry = eldest.next();
          if (now - entry.lastActiveNanos <= idleNanos) {
            break;
          }
          removed.add(entry);
          eldest.remove();
          batch++;
        }
      }
    }
    return removed;
  }

  /** The user of a tracked session, or {@code null}. */
  public String userOf(String sessionId) {
    if (sessionId == null) {
      return null;
    }
    synchronized (sessions) {
      // Moves it to the tail: reading the user of a session (a turn of that session is running) counts as activity,
      // so a session whose turns only look up its user is not swept as idle.
      Entry entry = sessions.get(sessionId);
      if (entry == null) {
        return null;
      }
      entry.lastActiveNanos = now(); // keeps the order and the idle times consistent
      return entry.userId;
    }
  }

  public int size() {
    synchronized (sessions) {
      return sessions.size();
    }
  }
}
