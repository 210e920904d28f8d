package io.chatlens.agent.breaker;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's side of stress, read from {@code java.lang.management} only:
 *
 * <ul>
 *   <li>heap after GC: occupancy of the old (tenured) heap pools right after a collection, of their maximum. With the
 *       HotSpot GC notifications ({@code com.sun.management}) every collection that reports an old pool updates it; else
 *       the pools' collection usage is polled. A reading is used only while fresh: when no collection has touched the
 *       old pools for {@code freshness}, the application is not under GC pressure and the reading is unknown.
 *   <li>GC time: the share of wall-clock time spent in collections between two samples, over the collectors that
 *       stop the application (concurrent cycles, such as {@code G1 Concurrent GC} or {@code ZGC Cycles}, are left out).
 * </ul>
 */
final class JvmStress implements AutoCloseable {

  private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

  private final List<GarbageCollectorMXBean> pausing = new ArrayList<>();
  private final List<MemoryPoolMXBean> oldPools = new ArrayList<>();
  private final Set<String> oldPoolNames = new HashSet<>();
  private final long freshnessNanos;
  private final List<NotificationEmitter> listening = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;
  private volatile double notifiedAfterGc = Double.NaN;
  private volatile long notifiedAtNanos;
  private long lastCollectionTimeMillis = -1;
  private long lastSampleNanos;
  private long lastOldCollections = -1;
  private long oldCollectedAtNanos;

  JvmStress(java.time.Duration freshness) {
    this.freshnessNanos = freshness.toNanos();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && !young(pool.getName())) {
        oldPools.add(pool);
      }
    }
    if (oldPools.isEmpty()) {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
          oldPools.add(pool);
        }
      }
    }
    oldPools.forEach(pool -> oldPoolNames.add(pool.getName()));
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      String name = collector.getName().toLowerCase(Locale.ROOT);
      if (!name.contains("concurrent") && !name.contains("cycles")) {
        pausing.add(collector);
      }
      if (collector instanceof NotificationEmitter emitter && notificationsAvailable()) {
        try {
          emitter.addNotificationListener(listener, null, null);
          listening.add(emitter);
        } catch (RuntimeException unsupported) {
          // polling below still works
        }
      }
    }
  }

  private static boolean notificationsAvailable() {
    try {
      Class.forName("com.sun.management.GarbageCollectionNotificationInfo", false, JvmStress.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  static boolean young(String poolName) {
    String name = poolName.toLowerCase(Locale.ROOT);
    return name.contains("eden") || name.contains("survivor") || name.contains("young") || name.contains("nursery");
  }

  /** The old pools watched, for diagnostics. */
  Set<String> oldPoolNames() {
    return oldPoolNames;
  }

  private void onNotification(Notification notification, Object handback) {
    if (!GC_NOTIFICATION.equals(notification.getType()) || !(notification.getUserData() instanceof CompositeData data)) {
      return;
    }
    try {
      com.sun.management.GarbageCollectionNotificationInfo info =
          com.sun.management.GarbageCollectionNotificationInfo.from(data);
      double highest = Double.NaN;
      for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (oldPoolNames.contains(pool.getKey())) {
          double percent = percent(pool.getValue());
          highest = Double.isNaN(highest) ? percent : Math.max(highest, percent);
        }
      }
      if (!Double.isNaN(highest)) {
        notifiedAfterGc = highest;
        notifiedAtNanos = System.nanoTime();
      }
    } catch (RuntimeException | LinkageError ignored) {
      // a notification the agent cannot read is skipped
    }
  }

  private static double percent(MemoryUsage usage) {
    long max = usage.getMax() > 0 ? usage.getMax() : Runtime.getRuntime().maxMemory();
    return max <= 0 || max == Long.MAX_VALUE ? Double.NaN : usage.getUsed() * 100.0 / max;
  }

  /** Heap occupancy after the last collection of the old pools, in percent, or NaN when not fresh or unknown. */
  double heapAfterGc(long nowNanos) {
    if (!listening.isEmpty()) {
      double value = notifiedAfterGc;
      return !Double.isNaN(value) && nowNanos - notifiedAtNanos <= freshnessNanos ? value : Double.NaN;
    }
    long collections = 0;
    double highest = Double.NaN;
    for (MemoryPoolMXBean pool : oldPools) {
      MemoryUsage usage = pool.getCollectionUsage();
      if (usage != null) {
        double percent = percent(usage);
        highest = Double.isNaN(highest) ? percent : Math.max(highest, percent);
      }
    }
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      for (String pool : collector.getMemoryPoolNames()) {
        if (oldPoolNames.contains(pool)) {
          collections += Math.max(0, collector.getCollectionCount());
          break;
        }
      }
    }
    if (collections != lastOldCollections) {
      lastOldCollections = collections;
      oldCollectedAtNanos = nowNanos;
    }
    return nowNanos - oldCollectedAtNanos <= freshnessNanos ? highest : Double.NaN;
  }

  /** Share of wall-clock time spent in stop-the-world collections since the previous call, in percent (NaN at first). */
  double gcTime(long nowNanos) {
    long total = 0;
    for (GarbageCollectorMXBean collector : pausing) {
      total += Math.max(0, collector.getCollectionTime());
    }
    long previous = lastCollectionTimeMillis;
    long elapsedNanos = nowNanos - lastSampleNanos;
    lastCollectionTimeMillis = total;
    lastSampleNanos = nowNanos;
    if (previous < 0 || elapsedNanos <= 0) {
      return Double.NaN;
    }
    return Math.min(100.0, (total - previous) * 1_000_000.0 * 100.0 / elapsedNanos);
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : listening) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (Exception ignored) {
        // already gone
      }
    }
    listening.clear();
  }
}
