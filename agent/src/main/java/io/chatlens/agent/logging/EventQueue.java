package io.chatlens.agent.logging;

import io.chatlens.instrumentation.core.ChatEvent;
import io.chatlens.instrumentation.core.EventSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The bounded hand-off between application threads and the log writer thread. Offering never blocks.
 * Under pressure DEBUG and INFO are dropped first: they are only accepted while the queue is less than
 * three quarters full. WARN and ERROR may use the whole queue and then a larger overflow queue, so they
 * are only lost if both are full; every drop is counted. Audit events count as important and are accepted
 * whatever {@code chatlens.log.level} says, since the audit file keeps them all.
 */
public final class EventQueue implements EventSink {

  private final BlockingQueue<ChatEvent> main;
  /** The writer thread, parked until an event arrives; {@code null} before it registers. */
  private volatile Thread consumer;
  /** Set by the writer just before it parks: only then does an application thread wake it (one unpark per idle spell). */
  private final java.util.concurrent.atomic.AtomicBoolean consumerParked = new java.util.concurrent.atomic.AtomicBoolean();
  private final BlockingQueue<ChatEvent> overflow;
  private final int lowPriorityLimit;
  private final int capacity;
  private final ChatEvent.Level threshold;
  private final AtomicLong droppedLow = new AtomicLong();
  private final AtomicLong droppedHigh = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  /** Events in {@code main}, kept without taking the queue's lock so admission checks stay cheap. */
  private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

  public EventQueue(int capacity, ChatEvent.Level threshold) {
    this.main = new ArrayBlockingQueue<>(capacity);
    this.capacity = capacity;
    this.overflow = new ArrayBlockingQueue<>(capacity * 16);
    this.lowPriorityLimit = capacity * 3 / 4;
    this.threshold = threshold;
  }

  @Override
  public boolean isEnabled(ChatEvent.Level level) {
    return level.compareTo(threshold) >= 0;
  }

  /** Refuses (and counts) DEBUG and INFO events before they are even built when the queue is under pressure. */
  @Override
  public boolean admits(ChatEvent.Level level, boolean audit) {
    if (audit) {
      return true;
    }
    if (!isEnabled(level)) {
      return false;
    }
    if (level.compareTo(ChatEvent.Level.WARN) < 0 && pending.get() >= lowPriorityLimit) {
      droppedLow.incrementAndGet();
      return false;
    }
    return true;
  }

  @Override
  public void accept(ChatEvent event) {
    if (event == null || !event.audit() && !isEnabled(event.level())) {
      return;
    }
    boolean important = event.level().compareTo(ChatEvent.Level.WARN) >= 0 || event.audit();
    if (!important) {
      if (pending.get() >= lowPriorityLimit || !main.offer(event)) {
        droppedLow.incrementAndGet();
        return;
      }
      pending.incrementAndGet();
    } else if (main.offer(event)) {
      pending.incrementAndGet();
    } else if (!overflow.offer(event)) {
      droppedHigh.incrementAndGet();
      return;
    }
    accepted.incrementAndGet();
    wakeConsumer();
  }

  /**
   * Wakes the writer if it is parked. Under load the writer is busy and this is one volatile read; only the first
   * event after an idle spell pays for an unpark.
   */
  private void wakeConsumer() {
    if (consumerParked.get() && consumerParked.compareAndSet(true, false)) {
      Thread waiting = consumer;
      if (waiting != null) {
        java.util.concurrent.locks.LockSupport.unpark(waiting);
      }
    }
  }

  /**
   * The next event, waiting for one (parked, not polling: an arriving event wakes the waiter) at most
   * {@code maxWaitNanos} or until an interrupt; {@code null} if none came. For the one writer thread only.
   */
  ChatEvent take(long maxWaitNanos) {
    ChatEvent next = poll();
    if (next != null) {
      return next;
    }
    consumer = Thread.currentThread();
    consumerParked.set(true);
    next = poll(); // an event offered before the flag was visible
    if (next != null) {
      consumerParked.set(false);
      return next;
    }
    java.util.concurrent.locks.LockSupport.parkNanos(this, maxWaitNanos);
    consumerParked.set(false);
    return poll();
  }

  /** Takes the next event without waiting; {@code null} if there is none. */
  ChatEvent poll() {
    ChatEvent urgent = overflow.poll();
    if (urgent != null) {
      return urgent;
    }
    ChatEvent next = main.poll();
    if (next != null) {
      pending.decrementAndGet();
    }
    return next;
  }

  /** Hands every queued event to the consumer, without waiting. */
  void drainTo(Consumer<ChatEvent> consumer) {
    for (ChatEvent event; (event = main.poll()) != null; ) {
      pending.decrementAndGet();
      consumer.accept(event);
    }
    for (ChatEvent event; (event = overflow.poll()) != null; ) {
      consumer.accept(event);
    }
  }

  /** Capacity of the main queue (the overflow queue for WARN and ERROR comes on top). */
  public int capacity() {
    return capacity;
  }

  /** Fill of the main queue in percent, read without its lock (for the circuit breaker). */
  public double fillPercent() {
    return Math.min(100.0, pending.get() * 100.0 / capacity);
  }

  /** Events waiting for the writer. */
  public int size() {
    return main.size() + overflow.size();
  }

  /** DEBUG and INFO events dropped because the queue was under pressure (for the agent's self-metrics). */
  public long droppedLowPriority() {
    return droppedLow.get();
  }

  /** WARN, ERROR and audit events dropped because both queues were full (for the agent's self-metrics). */
  public long droppedHighPriority() {
    return droppedHigh.get();
  }

  /** Events taken in for writing. */
  public long accepted() {
    return accepted.get();
  }
}
