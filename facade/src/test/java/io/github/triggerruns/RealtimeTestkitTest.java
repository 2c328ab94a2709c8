package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.MutableClock;
import io.github.triggerruns.testkit.RealtimeFault;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subscriptions against the testkit's realtime feeds, on real threads: every change once, in order. */
class RealtimeTestkitTest {
  private static final Instant NOW = Instant.parse("2025-07-20T10:00:00Z");

  private final MutableClock clock = MutableClock.at(NOW);
  private FakeTriggerServer server;

  private TriggerRuns start(Duration hold) {
    server = FakeTriggerServer.builder().runs(0).clock(clock).realtimeHold(hold).build().start();
    server.addRun(FakeRun.builder().id("run_1").status("QUEUED").taskIdentifier("email").createdAt(NOW)
        .updatedAt(NOW).tags("user:1").batch("batch_1").build());
    return TestClients.newClient(server.baseUrl()).secretKey(server.secretKey()).build();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private void moveTo(String status) {
    clock.advance(Duration.ofMillis(10));
    server.setStatus("run_1", status);
  }

  @Test
  void aRunsChangesArriveOnceEachInOrderThenTheSubscriptionCompletes() {
    TriggerRuns client = start(Duration.ofMinutes(5));
    Iterator<RealtimeRun> runs = client.runs().subscribeToRun("run_1").blockingIterable().iterator();
    assertThat(runs.next().getStatus()).isEqualTo(RunStatus.QUEUED);
    moveTo("EXECUTING");
    assertThat(runs.next().getStatus()).isEqualTo(RunStatus.EXECUTING);
    moveTo("WAITING");
    RealtimeRun waiting = runs.next();
    assertThat(waiting.getStatus()).isEqualTo(RunStatus.WAITING);
    assertThat(waiting.getDatabaseStatus()).isEqualTo("WAITING_TO_RESUME");
    moveTo("COMPLETED");
    RealtimeRun done = runs.next();
    assertThat(done.getStatus()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.getFinishedAt()).isEqualTo(clock.instant());
    assertThat(runs.hasNext()).isFalse();
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void pollsFollowOneAnotherOnTheSubscriptionsOneThread() {
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      TriggerRuns client = start(Duration.ofMinutes(5)).newBuilder()
          .scheduler(Schedulers.from(task -> {
            tasks.incrementAndGet();
            threads.execute(task);
          }))
          .build();
      Iterator<RealtimeRun> runs = client.runs().subscribeToRun("run_1").blockingIterable().iterator();
      runs.next();
      for (String status : new String[] {"EXECUTING", "WAITING", "COMPLETED"}) {
        moveTo(status);
        runs.next();
      }
      assertThat(runs.hasNext()).isFalse();
      // The snapshot and three live polls that each answered a change: one task, not one per poll.
      assertThat(server.realtimeRequestCount()).isGreaterThanOrEqualTo(4);
      assertThat(tasks).hasValue(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void throughMustRefetchDroppedConnectionsAndTheCapEveryChangeArrivesExactlyOnce() {
    TriggerRuns client = start(Duration.ofMillis(200));
    server.queueRealtimeFaults(RealtimeFault.MUST_REFETCH, RealtimeFault.DROP_MID_HOLD,
        RealtimeFault.TOO_MANY_CONNECTIONS, RealtimeFault.MUST_REFETCH);
    Iterator<RealtimeRun> runs = client.runs().subscribeToBatch("batch_1").blockingIterable().iterator();
    List<RunStatus> seen = new ArrayList<>();
    seen.add(runs.next().getStatus());
    for (String status : new String[] {"DEQUEUED", "EXECUTING", "WAITING", "EXECUTING", "COMPLETED"}) {
      moveTo(status);
      seen.add(runs.next().getStatus());
    }
    assertThat(seen).containsExactly(RunStatus.QUEUED, RunStatus.DEQUEUED, RunStatus.EXECUTING, RunStatus.WAITING,
        RunStatus.EXECUTING, RunStatus.COMPLETED);
  }

  @Test
  void aTagSubscriptionSeesNewRunsJoin() {
    TriggerRuns client = start(Duration.ofMinutes(5));
    Iterator<RealtimeRun> runs = client.runs().subscribeToRunsWithTag("user:1")
        .blockingIterable().iterator();
    assertThat(runs.next().getId()).isEqualTo("run_1");
    clock.advance(Duration.ofMillis(10));
    server.addRun(FakeRun.builder().id("run_2").status("QUEUED").taskIdentifier("email").createdAt(clock.instant())
        .updatedAt(clock.instant()).tags("user:1", "other").build());
    RealtimeRun joined = runs.next();
    assertThat(joined.getId()).isEqualTo("run_2");
    assertThat(joined.getTags()).containsExactly("user:1", "other");
  }
}
