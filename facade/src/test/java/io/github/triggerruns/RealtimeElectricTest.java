package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.MutableClock;
import io.github.triggerruns.testkit.RealtimeBackend;
import io.github.triggerruns.testkit.RealtimeFault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions against the testkit's realtime feeds in Electric's wire format (the live webapp's default): rows
 * assembled from partial updates, snapshots read across chunks, every change once, in order.
 */
class RealtimeElectricTest {
  private static final Instant NOW = Instant.parse("2025-07-20T10:00:00Z");
  private static final int CHUNK_ROWS = 3;

  private final MutableClock clock = MutableClock.at(NOW);
  private FakeTriggerServer server;

  private TriggerRuns start(Duration hold) {
    server = FakeTriggerServer.builder().runs(0).clock(clock).realtimeHold(hold)
        .realtimeBackend(RealtimeBackend.ELECTRIC).realtimeSnapshotChunkRows(CHUNK_ROWS).build().start();
    server.addRun(FakeRun.builder().id("run_1").status("QUEUED").taskIdentifier("email").createdAt(NOW)
        .updatedAt(NOW).tags("user:1", "plan pro").metadata(Map.of("step", "start")).batch("batch_1").build());
    return TestClients.newClient(server.baseUrl()).secretKey(server.secretKey()).build();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private void moveTo(String id, String status) {
    clock.advance(Duration.ofMillis(10));
    server.setStatus(id, status);
  }

  @Test
  void partialUpdatesKeepTheColumnsSeenBeforeAndEachChangeArrivesOnceInOrder() {
    TriggerRuns client = start(Duration.ofMinutes(5));
    Iterator<RealtimeRun> runs = client.runs().subscribeToRun("run_1").blockingIterable().iterator();
    RealtimeRun queued = runs.next();
    assertThat(queued.getStatus()).isEqualTo(RunStatus.QUEUED);
    assertThat(queued.getTags()).containsExactly("user:1", "plan pro");
    assertThat(queued.getCreatedAt()).isEqualTo(NOW);

    moveTo("run_1", "EXECUTING");
    RealtimeRun executing = runs.next();
    assertThat(executing.getStatus()).isEqualTo(RunStatus.EXECUTING);
    assertThat(executing.getStartedAt()).isEqualTo(clock.instant());
    assertThat(executing.getTags()).containsExactly("user:1", "plan pro");
    assertThat(executing.getMetadata()).isEqualTo(queued.getMetadata()).contains("start");
    assertThat(executing.getPayload()).isEqualTo(queued.getPayload()).isNotNull();
    assertThat(executing.getTaskIdentifier()).isEqualTo("email");
    assertThat(executing.getCreatedAt()).isEqualTo(NOW);

    moveTo("run_1", "WAITING");
    assertThat(runs.next().getStatus()).isEqualTo(RunStatus.WAITING);
    moveTo("run_1", "COMPLETED");
    RealtimeRun done = runs.next();
    assertThat(done.getStatus()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.getFinishedAt()).isEqualTo(clock.instant());
    assertThat(done.getTags()).containsExactly("user:1", "plan pro");
    assertThat(runs.hasNext()).isFalse();
  }

  @Test
  void aTagSnapshotSpanningSeveralChunksEmitsEachRunOnceThenLiveChanges() {
    TriggerRuns client = start(Duration.ofMinutes(5));
    List<String> expected = new ArrayList<>(List.of("run_1"));
    for (int i = 2; i <= 8; i++) {
      server.addRun(FakeRun.builder().id("run_" + i).status("QUEUED").taskIdentifier("email")
          .createdAt(NOW.minusSeconds(i)).updatedAt(NOW).tags("user:1").build());
      expected.add("run_" + i);
    }
    Iterator<RealtimeRun> runs = client.runs().subscribeToRunsWithTag("user:1").blockingIterable().iterator();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      seen.add(runs.next().getId());
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    // Eight runs in chunks of three: three snapshot requests before the first live one.
    assertThat(server.realtimeRequestCount()).isGreaterThanOrEqualTo(3);

    moveTo("run_5", "EXECUTING");
    RealtimeRun changed = runs.next();
    assertThat(changed.getId()).isEqualTo("run_5");
    assertThat(changed.getStatus()).isEqualTo(RunStatus.EXECUTING);
    assertThat(changed.getTags()).containsExactly("user:1");

    clock.advance(Duration.ofMillis(10));
    server.addRun(FakeRun.builder().id("run_9").status("QUEUED").taskIdentifier("email").createdAt(clock.instant())
        .updatedAt(clock.instant()).tags("user:1", "other").build());
    RealtimeRun joined = runs.next();
    assertThat(joined.getId()).isEqualTo("run_9");
    assertThat(joined.getTags()).containsExactly("user:1", "other");
  }

  @Test
  void throughMustRefetchDroppedConnectionsAndTheCapEveryChangeArrivesExactlyOnce() {
    TriggerRuns client = start(Duration.ofMillis(200));
    server.queueRealtimeFaults(RealtimeFault.MUST_REFETCH, RealtimeFault.DROP_MID_HOLD,
        RealtimeFault.TOO_MANY_CONNECTIONS, RealtimeFault.MUST_REFETCH);
    Iterator<RealtimeRun> runs = client.runs().subscribeToBatch("batch_1").blockingIterable().iterator();
    List<RunStatus> seen = new ArrayList<>();
    List<List<String>> tags = new ArrayList<>();
    RealtimeRun first = runs.next();
    seen.add(first.getStatus());
    tags.add(first.getTags());
    for (String status : new String[] {"DEQUEUED", "EXECUTING", "WAITING", "EXECUTING", "COMPLETED"}) {
      moveTo("run_1", status);
      RealtimeRun next = runs.next();
      seen.add(next.getStatus());
      tags.add(next.getTags());
    }
    assertThat(seen).containsExactly(RunStatus.QUEUED, RunStatus.DEQUEUED, RunStatus.EXECUTING, RunStatus.WAITING,
        RunStatus.EXECUTING, RunStatus.COMPLETED);
    assertThat(tags).allSatisfy(t -> assertThat(t).containsExactly("user:1", "plan pro"));
  }
}
