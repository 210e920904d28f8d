package io.chatlens.agent.alerts;

import io.chatlens.agent.diagnostics.Diagnostics;
import io.chatlens.agent.redaction.Redactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns notifications into redacted {@link AlertMessage}s and delivers them: to the log at once (the
 * log sink never blocks), to every remote channel asynchronously, each on its own daemon thread behind
 * its own bounded queue, so a dead webhook delays neither e-mail nor the evaluation. A full queue drops
 * the message. Every outcome is counted in {@code chatlens.alerts.notifications{channel,outcome}}
 * (outcome {@code sent}, {@code failed}, {@code dropped}); failures are also reported, rate-limited.
 */
public final class NotificationDispatcher implements Consumer<AlertNotification> {

  static final int QUEUE_CAPACITY = 64;
  private static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("channel");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  /** The outcomes counted per channel. */
  static final List<String> OUTCOMES = List.of("sent", "failed", "dropped");

  private final String service;
  private final Redactor redactor;
  private final LongCounter counter;
  private final NotificationChannel log;
  private final List<ChannelWorker> workers = new ArrayList<>();

  /**
   * @param log the channel delivered synchronously, or {@code null}
   * @param remote channels delivered on their own threads
   */
  public NotificationDispatcher(String service, Redactor redactor, Meter meter, NotificationChannel log,
      List<NotificationChannel> remote) {
    this.service = service;
    this.redactor = redactor;
    this.counter = meter.counterBuilder("chatlens.alerts.notifications").setUnit("{notification}")
        .setDescription("Alert notifications by channel and outcome (sent, failed, dropped).").build();
    this.log = log;
    // Every channel's series exist from the start at zero, so that Prometheus's increase() sees the first
    // notification and the first failure (a series born at 1 has no increase).
    List<NotificationChannel> all = new ArrayList<>(remote);
    if (log != null) {
      all.add(0, log);
    }
    for (NotificationChannel channel : all) {
      for (String outcome : OUTCOMES) {
        counter.add(0, Attributes.of(CHANNEL, channel.name(), OUTCOME, outcome));
      }
    }
    for (NotificationChannel channel : remote) {
      ChannelWorker worker = new ChannelWorker(channel);
      workers.add(worker);
      worker.thread.start();
    }
  }

  @Override
  public void accept(AlertNotification notification) {
    AlertMessage message = AlertMessage.of(notification, service, redactor);
    if (log != null) {
      deliver(log, message);
    }
    for (ChannelWorker worker : workers) {
      if (!worker.queue.offer(message)) {
        count(worker.channel, "dropped");
        Diagnostics.warnRateLimited("alerts-" + worker.channel.name() + "-dropped", "alert notification to "
            + worker.channel.name() + " dropped: " + QUEUE_CAPACITY + " are already waiting");
      }
    }
  }

  /**
   * Stops accepting work, delivers what is still queued and waits at most this long for the channels to
   * finish.
   */
  public void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ChannelWorker worker : workers) {
      worker.closing = true;
    }
    for (ChannelWorker worker : workers) {
      try {
        worker.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
      worker.thread.interrupt();
    }
  }

  private void deliver(NotificationChannel channel, AlertMessage message) {
    try {
      channel.deliver(message);
      count(channel, "sent");
    } catch (InterruptedException interrupted) {
      count(channel, "failed");
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError failure) {
      count(channel, "failed");
      Diagnostics.warnRateLimited("alerts-" + channel.name(), "alert " + message.alert() + " could not be sent by "
          + channel.name() + ": " + failure);
    }
  }

  private void count(NotificationChannel channel, String outcome) {
    counter.add(1, Attributes.of(CHANNEL, channel.name(), OUTCOME, outcome));
  }

  /** One remote channel's queue and thread. */
  private final class ChannelWorker implements Runnable {
    private final NotificationChannel channel;
    private final BlockingQueue<AlertMessage> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean closing;

    ChannelWorker(NotificationChannel channel) {
      this.channel = channel;
      this.thread = new Thread(this, "chatlens-alerts-" + channel.name());
      this.thread.setDaemon(true);
    }

    @Override
    public void run() {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          AlertMessage message = queue.poll(250, TimeUnit.MILLISECONDS);
          if (message != null) {
            deliver(channel, message);
          } else if (closing) {
            return;
          }
        }
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
