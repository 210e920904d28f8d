package io.chatlens.instrumentation.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandNamesTest {

  /** The largest {@code chatlens.parser.max-command-names} the configuration accepts. */
  private static final int MAX_CONFIGURABLE = 1000;

  @Test
  void aMillionDistinctNamesStayWithinTheLimit() {
    CommandNames names = new CommandNames(MAX_CONFIGURABLE);
    for (int i = 0; i < 1_000_000; i++) {
      String command = "cmd-" + i;
      String label = names.valid(command);
      assertThat(label).isEqualTo(i < MAX_CONFIGURABLE ? command : "other");
      if (names.size() > MAX_CONFIGURABLE) {
        assertThat(names.size()).as("names after %d commands", i + 1).isLessThanOrEqualTo(MAX_CONFIGURABLE);
      }
    }
    assertThat(names.size()).isEqualTo(MAX_CONFIGURABLE);
    assertThat(names.valid("cmd-0")).as("a name admitted early keeps its label").isEqualTo("cmd-0");
    assertThat(names.valid("cmd-999")).isEqualTo("cmd-999");
    assertThat(names.valid("brand-new")).as("a new name maps to the overflow label").isEqualTo("other");
    assertThat(names.rejected("cmd-999")).isEqualTo("cmd-999");
    assertThat(names.rejected("cmd-1000")).isEqualTo("unknown");
    assertThat(names.size()).isEqualTo(MAX_CONFIGURABLE);
  }

  @Test
  void threadsAddingNamesAtOnceNeverPassTheLimit() throws Exception {
    int limit = 50;
    CommandNames names = new CommandNames(limit);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> overLimit = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      overLimit.add(pool.submit(() -> {
        start.await();
        int seen = 0;
        for (int i = 0; i < 50_000; i++) {
          names.valid("c" + (i % 200 < 100 ? i % 100 : seed * 1_000_000 + i)); // shared and private names
          if (names.size() > limit) {
            seen++;
          }
        }
        return seen;
      }));
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    for (Future<Integer> result : overLimit) {
      assertThat(result.get()).isZero();
    }
    assertThat(names.size()).isEqualTo(limit);
  }

  @Test
  void longNamesAndNullAreNeverLabels() {
    CommandNames names = new CommandNames(10);
    assertThat(names.valid("x".repeat(CommandNames.MAX_LENGTH + 1))).isEqualTo("other");
    assertThat(names.valid("x".repeat(CommandNames.MAX_LENGTH))).isEqualTo("x".repeat(CommandNames.MAX_LENGTH));
    assertThat(names.valid(null)).isEqualTo("unknown");
    assertThat(names.rejected(null)).isEqualTo("unknown");
    assertThat(names.size()).isEqualTo(1);
  }
}
