package io.github.triggerruns.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.triggerruns.testkit.FakeRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunGeneratorTest {
  static final Instant NOW = Instant.parse("2025-07-20T10:00:00Z");
  static final List<FakeRun> RUNS = new RunGenerator(1, "tr_dev_testkit").generate(500, NOW);

  @Test
  void sameSeedSameRuns() {
    assertThat(new RunGenerator(1, "tr_dev_testkit").generate(500, NOW)).isEqualTo(RUNS);
    assertThat(new RunGenerator(2, "tr_dev_testkit").generate(500, NOW)).isNotEqualTo(RUNS);
  }

  @Test
  void idsAreDistinctAndLookLive() {
    assertThat(RUNS).extracting(FakeRun::id).doesNotHaveDuplicates().allMatch(id -> id.matches("run_[0-9a-z]{20}"));
  }

  @Test
  void everyStatusAppearsAndSomeRunsAreOlderThanTheDefaultWindow() {
    Set<String> statuses = RUNS.stream().map(FakeRun::status).collect(Collectors.toSet());
    assertThat(statuses).containsAll(RunStatuses.CURRENT)
        .contains("WAITING_FOR_DEPLOY", "REATTEMPTING", "INTERRUPTED");

    Instant weekAgo = NOW.minus(Duration.ofDays(7));
    long recent = RUNS.stream().filter(r -> !r.createdAt().isBefore(weekAgo)).count();
    assertThat(recent).isBetween(100L, 300L);
    assertThat(RUNS).allMatch(r -> r.createdAt().isAfter(NOW.minus(Duration.ofDays(31))));
  }

  @Test
  void fieldsAreConsistentWithTheStatus() {
    for (FakeRun r : RUNS) {
      assertThat(r.finishedAt() != null).as(r.toString()).isEqualTo(r.isTerminal());
      assertThat(r.expiredAt() != null).as(r.toString()).isEqualTo(r.status().equals("EXPIRED"));
      assertThat(r.delayedUntil() != null).as(r.toString()).isEqualTo(r.status().equals("DELAYED"));
      assertThat(r.updatedAt()).isAfterOrEqualTo(r.createdAt()).isBeforeOrEqualTo(NOW);
      if (r.startedAt() == null) {
        assertThat(r.costInCents()).isZero();
        assertThat(r.durationMs()).isZero();
      }
      if (r.status().equals("PENDING_VERSION") || r.status().equals("WAITING_FOR_DEPLOY")) {
        assertThat(r.version()).isNull();
      }
    }
  }

  @Test
  void dataIsVaried() {
    assertThat(RUNS).flatExtracting(FakeRun::tags).contains("org acme", "客户_7");
    assertThat(RUNS).extracting(FakeRun::version).anyMatch(v -> v != null && v.matches("\\d{8}\\.\\d"));
    assertThat(RUNS).extracting(FakeRun::ttl).contains("1h42m");
    assertThat(RUNS).extracting(FakeRun::metadata).anyMatch(m -> m != null);
    assertThat(RUNS).extracting(FakeRun::taskIdentifier).contains("send-email", "daily-digest");
    assertThat(RUNS).extracting(FakeRun::machine).contains("small-1x", "large-2x");
    assertThat(RUNS).extracting(FakeRun::batch).anyMatch(b -> b != null && b.startsWith("batch_"));
    assertThat(RUNS).extracting(FakeRun::schedule).anyMatch(s -> s != null && s.startsWith("sched_"));
    assertThat(RUNS).extracting(FakeRun::bulkAction).anyMatch(b -> b != null && b.startsWith("bulk_"));
    assertThat(RUNS).extracting(FakeRun::isTest).contains(true, false);
    long ties = RUNS.stream().map(FakeRun::createdAt).count()
        - RUNS.stream().map(FakeRun::createdAt).distinct().count();
    assertThat(ties).isPositive();
  }
}
