package io.chatlens.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatlens.instrumentation.core.ChatEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Offering never blocks; under pressure DEBUG/INFO go first and WARN/ERROR/audit use a reserve. */
class EventQueueTest {

  private static ChatEvent event(ChatEvent.Level level, boolean audit) {
    return new ChatEvent(0, level, "m", "f", "x", Map.of(), null, audit);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a performance assertion
  void aBurstFromManyThreadsNeverBlocksAndOnlyLowPriorityEventsAreDropped() throws Exception {
    EventQueue queue = new EventQueue(1024, ChatEvent.Level.DEBUG);
    int threads = 8;
    int perThread = 12_500;
    AtomicLong importantOffered = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Callable<Long>> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      producers.add(() -> {
        long offered = 0;
        for (int i = 0; i < perThread; i++) {
          boolean important = (i + seed) % 50 == 0;
          ChatEvent.Level level = important ? (i % 2 == 0 ? ChatEvent.Level.WARN : ChatEvent.Level.ERROR)
              : (i % 3 == 0 ? ChatEvent.Level.DEBUG : ChatEvent.Level.INFO);
          if (important) {
            importantOffered.incrementAndGet();
          }
          queue.accept(event(level, false));
          offered++;
        }
        return offered;
      });
    }
    long offered = 0;
    try {
      for (Future<Long> done : pool.invokeAll(producers)) {
        offered += done.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(offered).isEqualTo(100_000);
    assertThat(queue.accepted() + queue.droppedLowPriority() + queue.droppedHighPriority()).isEqualTo(offered);
    assertThat(queue.droppedLowPriority()).as("INFO/DEBUG dropped under pressure").isPositive();
    assertThat(queue.droppedHighPriority()).as("WARN/ERROR never dropped").isZero();
    List<ChatEvent> queued = new ArrayList<>();
    queue.drainTo(queued::add);
    assertThat(queued).hasSize((int) queue.accepted());
    assertThat(queued.stream().filter(e -> e.level().compareTo(ChatEvent.Level.WARN) >= 0).count())
        .isEqualTo(importantOffered.get());
  }

  @Test
  void importantEventsAreDroppedOnlyWhenTheReserveIsFullToo() {
    EventQueue queue = new EventQueue(64, ChatEvent.Level.INFO);
    int reserve = 64 + 64 * 16;
    for (int i = 0; i < reserve + 10; i++) {
      queue.accept(event(ChatEvent.Level.ERROR, false));
    }
    queue.accept(event(ChatEvent.Level.INFO, false));

    assertThat(queue.accepted()).isEqualTo(reserve);
    assertThat(queue.droppedHighPriority()).isEqualTo(10);
    assertThat(queue.droppedLowPriority()).isEqualTo(1);
  }

  @Test
  void auditEventsAreKeptWhateverTheLevelAndEventsBelowTheLevelAreNotCountedAsDrops() {
    EventQueue queue = new EventQueue(64, ChatEvent.Level.WARN);

    queue.accept(event(ChatEvent.Level.INFO, true));
    queue.accept(event(ChatEvent.Level.INFO, false));
    queue.accept(event(ChatEvent.Level.DEBUG, false));

    assertThat(queue.accepted()).isEqualTo(1);
    assertThat(queue.droppedLowPriority() + queue.droppedHighPriority()).isZero();
    assertThat(queue.isEnabled(ChatEvent.Level.INFO)).isFalse();
  }

  @Test
  void aWaitingWriterIsWokenByTheNextEventInsteadOfPolling() throws Exception {
    EventQueue queue = new EventQueue(16, ChatEvent.Level.INFO);
    java.util.concurrent.CompletableFuture<ChatEvent> taken = new java.util.concurrent.CompletableFuture<>();
    long maxWait = TimeUnit.SECONDS.toNanos(60);
    Thread writer = new Thread(() -> {
      // as the writer loop does: take() may return null early (a spurious wakeup of the park), so wait again
      long deadline = System.nanoTime() + maxWait;
      ChatEvent next = null;
      while (next == null && System.nanoTime() < deadline) {
        next = queue.take(deadline - System.nanoTime());
      }
      taken.complete(next);
    });
    writer.start();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> writer.getState() == Thread.State.TIMED_WAITING);
    ChatEvent event = TestEvents.event(ChatEvent.Level.INFO, "search_engine", "search", "wake up");

    queue.accept(event);

    // woken at once: far sooner than the 60 s it would otherwise wait
    assertThat(taken.get(10, TimeUnit.SECONDS)).isSameAs(event);
    writer.join(10_000);
  }
}
