package com.example.chatbot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Script mode: runs every {@link UserConversation} on a fixed-size {@link ThreadPoolExecutor} with a bounded queue
 * (when the queue is full, the submitting thread runs the conversation itself). When all users are done it waits
 * until the abandoned sessions have been idle longer than the idle timeout, expires them and sums up the run.
 */
public final class ScriptRunner {

  /** How many conversations may wait for a worker thread. */
  public static final int QUEUE_CAPACITY = 64;

  private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

  private final ChatService chatService;
  private final SessionManager sessionManager;
  private final Transcript transcript;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int threads;
  private final Duration idleTimeout;
  private final Duration thinkTime;

  /**
   * Creates the runner.
   *
   * @param chatService    the chatbot
   * @param sessionManager the sessions of the chatbot, swept for idle sessions at the end
   * @param transcript     where the exchanges are printed
   * @param clock          the clock of the session manager
   * @param sleeper        how to wait between turns and for the idle timeout
   * @param threads        worker threads
   * @param idleTimeout    the idle timeout of the session manager
   * @param thinkTime      the pause between two messages of a user
   */
  public ScriptRunner(ChatService chatService, SessionManager sessionManager, Transcript transcript, Clock clock,
      Sleeper sleeper, int threads, Duration idleTimeout, Duration thinkTime) {
    this.chatService = chatService;
    this.sessionManager = sessionManager;
    this.transcript = transcript;
    this.clock = clock;
    this.sleeper = sleeper;
    this.threads = threads;
    this.idleTimeout = idleTimeout;
    this.thinkTime = thinkTime;
  }

  /**
   * Plays the script and returns the totals.
   *
   * @throws IllegalStateException when a conversation failed with an exception
   */
  public RunSummary run(ConversationScript script) throws InterruptedException {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(QUEUE_CAPACITY), new WorkerThreadFactory(), new ThreadPoolExecutor.CallerRunsPolicy());
    List<UserConversation.Outcome> outcomes = new ArrayList<>();
    try {
      List<Future<UserConversation.Outcome>> futures = new ArrayList<>();
      for (UserScript user : script.users()) {
        futures.add(executor.submit(new UserConversation(chatService, user, transcript, sleeper, thinkTime)));
      }
      for (Future<UserConversation.Outcome> future : futures) {
        outcomes.add(outcomeOf(future));
      }
    } finally {
      executor.shutdownNow();
    }
    executor.awaitTermination(1, TimeUnit.MINUTES);

    long replies = 0;
    List<String> abandoned = new ArrayList<>();
    for (UserConversation.Outcome outcome : outcomes) {
      replies += outcome.replies();
      if (outcome.abandoned()) {
        abandoned.add(outcome.sessionId());
      }
    }
    waitUntilIdle(abandoned);
    int expired = sessionManager.expireIdleSessions().size();
    ChatStatistics statistics = chatService.statistics();
    return new RunSummary(script.users().size(), statistics.turns(), replies, statistics.invalidCommands(),
        statistics.errors(), expired);
  }

  private static UserConversation.Outcome outcomeOf(Future<UserConversation.Outcome> future)
      throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a simulated user failed", e.getCause());
    }
  }

  /** Waits until every abandoned session that is still open has been idle for longer than the idle timeout. */
  private void waitUntilIdle(List<String> sessionIds) throws InterruptedException {
    Optional<Instant> lastActivity = Optional.empty();
    for (String sessionId : sessionIds) {
      Optional<Instant> active = sessionManager.find(sessionId).map(Session::getLastActiveAt);
      if (active.isPresent() && (lastActivity.isEmpty() || active.get().isAfter(lastActivity.get()))) {
        lastActivity = active;
      }
    }
    if (lastActivity.isEmpty()) {
      return;
    }
    Instant deadline = lastActivity.get().plus(idleTimeout);
    LOG.info("Waiting up to {} for {} abandoned session(s) to reach the idle timeout", idleTimeout,
        sessionIds.size());
    while (!clock.instant().isAfter(deadline)) {
      sleeper.sleep(Duration.between(clock.instant(), deadline).plusMillis(1));
    }
  }

  /** Names the worker threads {@code chat-worker-1}, {@code chat-worker-2}, ... */
  private static final class WorkerThreadFactory implements ThreadFactory {

    private final AtomicInteger next = new AtomicInteger(1);

    @Override
    public Thread newThread(Runnable task) {
      return new Thread(task, "chat-worker-" + next.getAndIncrement());
    }
  }
}
