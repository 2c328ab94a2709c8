package io.github.triggerruns.cli;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Demo data for a machine without a key: the testkit's fake server, in this process, on 127.0.0.1, with
 * seeded runs (the same on every machine). For {@code watch} a background task makes things happen: it adds
 * runs and moves running ones along to their end, so events show up within seconds.
 */
final class Sandbox implements AutoCloseable {
  /** How many demo runs the sandbox serves. */
  static final int RUNS = 500;
  private static final long SEED = 1;
  // Each tick moves at most this many runs, newest first, so the new ones finish within a few ticks.
  private static final int MOVES_PER_TICK = 4;

  private final FakeTriggerServer server;
  private final Random random = new Random(SEED);
  private @Nullable ScheduledExecutorService activity;
  private int runsToAdd;

  /**
   * What the demo activity does: every {@code tick} it moves up to four unfinished runs one step along
   * and adds one of {@code newRuns} new runs (a bounded number lets {@code watch --until-finished} end).
   */
  record Activity(Duration tick, int newRuns) {}

  private Sandbox(FakeTriggerServer server) {
    this.server = server;
  }

  /** Starts the fake server with the demo runs. */
  static Sandbox start() {
    // No rate limit: a newcomer exporting every demo run should never meet a 429 from a fake.
    return new Sandbox(FakeTriggerServer.builder().runs(RUNS).seed(SEED).rateLimit(RateLimit.unlimited())
        .build().start());
  }

  String baseUrl() {
    return server.baseUrl();
  }

  String secretKey() {
    return server.secretKey();
  }

  /** Starts the demo activity; it runs until the sandbox is closed. */
  synchronized void startActivity(Activity plan) {
    if (activity != null) {
      return;
    }
    runsToAdd = plan.newRuns();
    long tick = plan.tick().toMillis();
    activity = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "trigger-runs-sandbox-activity");
      thread.setDaemon(true);
      return thread;
    });
    activity.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      List<FakeRun> going = server.runs().stream().filter(run -> !run.isTerminal()).limit(MOVES_PER_TICK)
          .toList();
      for (FakeRun run : going) {
        if (run.delayedUntil() != null) {
          server.updateRun(run.id(), b -> b.delayedUntil(null));
        }
        server.setStatus(run.id(), next(run.status()));
      }
      if (runsToAdd > 0) {
        runsToAdd--;
        server.addRun();
      }
    } catch (RuntimeException e) {
      // The demo must never break the command it decorates; a missed tick is invisible.
    }
  }

  private String next(String status) {
    return switch (status) {
      case "EXECUTING", "DEQUEUED", "WAITING", "REATTEMPTING", "FROZEN" ->
          random.nextInt(5) == 0 ? "FAILED" : "COMPLETED";
      default -> "EXECUTING";
    };
  }

  @Override
  public synchronized void close() {
    if (activity != null) {
      activity.shutdownNow();
    }
    server.stop();
  }
}
