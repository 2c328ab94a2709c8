package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.FakeTriggerServerExtension;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultPlan;
import io.github.triggerruns.testkit.RateLimit;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Runs#watch} against the testkit's fake server: windows, diffing, poll depth, failures and
 * stopping. The client's scheduler and the server's clock share one virtual time, so a run changed between
 * two polls is stamped with the time it changed at.
 */
class RunWatchTest {
  /** A 429 resets one refill period later: longer than the watch's backoff after one failure (4 s). */
  private static final Duration RATE_LIMIT_PERIOD = Duration.ofSeconds(30);

  private final TestScheduler scheduler = RxTestSupport.scheduler();

  /** A fresh, empty server for each test. */
  @RegisterExtension
  final FakeTriggerServerExtension trigger = FakeTriggerServerExtension.of(FakeTriggerServer.builder()
      .runs(0)
      .clock(RxTestSupport.clock(scheduler))
      .rateLimit(RateLimit.of(10_000, 10_000, RATE_LIMIT_PERIOD)));

  private FakeTriggerServer server;
  private Runs runs;

  @BeforeEach
  void setUp() {
    server = trigger.server();
    runs = client(server.secretKey()).runs();
  }

  /** Retries off, so that one failed poll is one request: the HTTP layer's retries are tested elsewhere. */
  private TriggerRuns client(String secretKey) {
    return TriggerRuns.builder()
        .environment(name -> null)
        .secretKey(secretKey)
        .baseUrl(server.baseUrl())
        .scheduler(scheduler)
        .clock(RxTestSupport.clock(scheduler))
        .maxRetries(0)
        .sleeper(duration -> { }) // a wait of the HTTP layer (pacing on x-ratelimit-remaining) passes at once
        .build();
  }

  private Instant now() {
    return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
  }

  /** Adds a run created {@code ago} before now, last updated when created. */
  private FakeRun add(String id, String status, Duration ago, String... tags) {
    return server.addRun(FakeRun.builder().id(id).status(status).taskIdentifier("send-email")
        .createdAt(now().minus(ago)).tags(tags).build());
  }

  /** What the live server does when a run's metadata is set: {@code updatedAt} moves, the status stays. */
  private void touch(String id) {
    Instant now = now();
    server.updateRun(id, run -> run.metadata(Map.of("progress", 0.5)).updatedAt(now));
  }

  private static WatchOptions every2s() {
    return WatchOptions.builder().pollInterval(Duration.ofSeconds(2)).build();
  }

  /** Events as "TYPE id PREVIOUS->STATUS" strings, readable in assertion failures. */
  private static List<String> events(TestObserver<RunEvent> observer) {
    return observer.values().stream()
        .map(e -> e.getType() + " " + e.getRun().getId() + " "
            + (e.getPreviousStatus() == null ? "" : e.getPreviousStatus() + "->") + e.getRun().getStatus())
        .collect(Collectors.toList());
  }

  private void advance(long seconds) {
    scheduler.advanceTimeBy(seconds, TimeUnit.SECONDS);
  }

  private int requests() {
    return server.requestCount();
  }

  @Test
  void theFirstPollReadsTheLookbackInsteadOfTheHidden7Days() {
    add("run_recent", "QUEUED", Duration.ofMinutes(30));
    add("run_old", "QUEUED", Duration.ofHours(2)); // inside the hidden 7 days, outside the default hour

    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    assertThat(requests()).as("nothing on the subscribing thread").isZero();
    scheduler.triggerActions();

    assertThat(events(watch)).containsExactly("CREATED run_recent QUEUED");
    assertThat(requests()).isEqualTo(1);
    watch.assertNotComplete().dispose();
  }

  @Test
  void theFirstPollReadsPagesOfTheMostTheServerServes() {
    for (int i = 0; i < 150; i++) {
      add("run_" + i, "QUEUED", Duration.ofSeconds(10 + i));
    }

    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();

    assertThat(watch.values()).hasSize(150);
    assertThat(requests()).as("pages of 100").isEqualTo(2);
  }

  @Test
  void sinceTheFiltersCriteriaAndThePageSizeAreSentAsGiven() {
    for (int i = 0; i < 15; i++) {
      add("run_tagged_" + i, "QUEUED", Duration.ofSeconds(10 + 10 * i), "batch-7");
    }
    add("run_before_since", "QUEUED", Duration.ofMinutes(10), "batch-7");
    add("run_untagged", "QUEUED", Duration.ofMinutes(1));

    TestObserver<RunEvent> watch = runs.watch(RunFilter.builder().tags("batch-7").build(), PageRequest.ofSize(10),
        WatchOptions.builder().since(now().minus(Duration.ofMinutes(5))).build()).test();
    scheduler.triggerActions();

    assertThat(watch.values()).hasSize(15).allMatch(e -> e.getRun().getId().startsWith("run_tagged_"));
    assertThat(requests()).as("pages of 10").isEqualTo(2);
  }

  @Test
  void aFilterWithItsOwnWindowIsUsedAsItIs() {
    add("run_2h", "QUEUED", Duration.ofHours(2));
    add("run_4h", "QUEUED", Duration.ofHours(4));

    TestObserver<RunEvent> watch = runs.watch(
        RunFilter.builder().createdFrom(now().minus(Duration.ofHours(3))).build(), every2s()).test();
    scheduler.triggerActions();

    assertThat(events(watch)).as("no lookback of an hour added").containsExactly("CREATED run_2h QUEUED");
  }

  @Test
  void aWindowInBothTheFilterAndTheOptionsIsRejected() {
    assertThatThrownBy(() -> runs.watch(RunFilter.builder().period("1d").build(),
        WatchOptions.builder().lookback(Duration.ofMinutes(5)).build()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("one place");
    assertThatThrownBy(() -> runs.watch(RunFilter.defaults(), PageRequest.ofSize(10).after("c"),
        WatchOptions.defaults()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
    assertThat(requests()).isZero();
  }

  @Test
  void runsAppearChangeAndFinishEachReportedOnce() {
    add("run_a", "QUEUED", Duration.ofMinutes(1));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();
    assertThat(events(watch)).containsExactly("CREATED run_a QUEUED");

    advance(1);
    server.setStatus("run_a", "EXECUTING");
    advance(1);
    advance(2);
    add("run_b", "EXECUTING", Duration.ZERO);
    server.setStatus("run_a", "COMPLETED");
    advance(2);
    advance(2);
    advance(2);

    assertThat(events(watch)).containsExactly(
        "CREATED run_a QUEUED",
        "UPDATED run_a QUEUED->EXECUTING",
        "CREATED run_b EXECUTING",
        "FINISHED run_a EXECUTING->COMPLETED");
    assertThat(requests()).as("one poll per interval").isEqualTo(6);
    watch.assertNotComplete().assertNoErrors();
  }

  @Test
  void aChangeOfUpdatedAtAloneIsAnUpdateWithTheSameStatus() {
    add("run_a", "EXECUTING", Duration.ofMinutes(1));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();

    advance(1);
    Instant touched = now();
    touch("run_a");
    advance(1);

    assertThat(watch.values()).hasSize(2);
    RunEvent update = watch.values().get(1);
    assertThat(update.getType()).isEqualTo(RunEvent.Type.UPDATED);
    assertThat(update.getPreviousStatus()).isEqualTo(RunStatus.EXECUTING);
    assertThat(update.getRun().getUpdatedAt()).isEqualTo(touched);
  }

  @Test
  void aRunFirstSeenFinishedGetsCreatedThenFinishedAndNothingMore() {
    add("run_done", "COMPLETED", Duration.ofSeconds(30));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();
    advance(1);
    touch("run_done"); // a finished run's updatedAt moving is not reported
    advance(10);

    assertThat(events(watch)).containsExactly("CREATED run_done COMPLETED", "FINISHED run_done COMPLETED");
    assertThat(watch.values().get(1).getPreviousStatus()).isNull();
  }

  @Test
  void laterPollsReadOnlyDownToTheOldestRunStillGoing() {
    // Newest first, pages of 2: [r1 r2] [r3 r4] [r5 r6] [r7 r8]; only r5 is still going.
    for (int i = 1; i <= 8; i++) {
      add("r" + i, i == 5 ? "EXECUTING" : "COMPLETED", Duration.ofSeconds(i * 10));
    }
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), PageRequest.ofSize(2), every2s()).test();
    scheduler.triggerActions();
    assertThat(requests()).as("the first poll reads the whole window").isEqualTo(4);

    advance(2);
    assertThat(requests()).as("down to r5's page, whose last run is older than r5").isEqualTo(4 + 3);

    server.setStatus("r5", "FAILED");
    advance(2);
    assertThat(requests()).as("down to r5 again, which has finished").isEqualTo(4 + 3 + 3);

    advance(2);
    assertThat(requests()).as("nothing going: only down to the newest run seen").isEqualTo(4 + 3 + 3 + 1);
    assertThat(watch.values()).filteredOn(e -> e.getType() == RunEvent.Type.FINISHED).hasSize(8);
  }

  @Test
  void aRunThatLeavesTheFilterIsNoLongerWaitedFor() {
    // Newest first, pages of 1: r1 r2 r3 r4; r3 is queued, the others are done.
    add("r1", "COMPLETED", Duration.ofSeconds(10));
    add("r2", "COMPLETED", Duration.ofSeconds(20));
    add("r3", "QUEUED", Duration.ofSeconds(30));
    add("r4", "COMPLETED", Duration.ofSeconds(40));
    RunFilter queuedOrDone = RunFilter.builder().statuses(RunStatus.QUEUED, RunStatus.COMPLETED).build();
    TestObserver<RunEvent> watch = runs.watch(queuedOrDone, PageRequest.ofSize(1), every2s()).test();
    scheduler.triggerActions();
    assertThat(requests()).isEqualTo(4);
    server.setStatus("r3", "EXECUTING"); // no longer matches the filter

    advance(2);
    assertThat(requests()).as("still down to r3, which is not found: r1, r2, r4").isEqualTo(4 + 3);
    advance(2);
    assertThat(requests()).as("r3 is not waited for any more: r1, r2").isEqualTo(4 + 3 + 2);
    assertThat(events(watch)).filteredOn(e -> e.contains("r3")).containsExactly("CREATED r3 QUEUED");
  }

  @Test
  void transientFailuresBackOffAndDoNotEndTheWatch() {
    add("run_a", "QUEUED", Duration.ofMinutes(1));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();
    server.faults(FaultPlan.scripted(Map.of(1, Fault.HTTP_500, 2, Fault.CONNECTION_RESET)));

    advance(2); // poll 2: 500; the next poll waits 2 x 2 s
    assertThat(requests()).isEqualTo(2);
    scheduler.advanceTimeBy(3_999, TimeUnit.MILLISECONDS);
    assertThat(requests()).isEqualTo(2);
    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS); // poll 3: connection reset; the next waits 4 x 2 s
    assertThat(requests()).isEqualTo(3);
    advance(7);
    assertThat(requests()).isEqualTo(3);
    server.setStatus("run_a", "EXECUTING");
    advance(1); // poll 4 succeeds, and the interval is back to 2 s
    advance(2);

    assertThat(requests()).isEqualTo(5);
    assertThat(events(watch)).containsExactly("CREATED run_a QUEUED", "UPDATED run_a QUEUED->EXECUTING");
    watch.assertNoErrors().assertNotComplete();
  }

  @Test
  void aRateLimitWaitsUntilTheBudgetRefills() {
    add("run_a", "QUEUED", Duration.ofMinutes(1));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();
    server.faults(FaultPlan.scripted(Map.of(1, Fault.HTTP_429)));

    advance(2); // poll 2: 429, resetting 30 s later
    scheduler.advanceTimeBy(RATE_LIMIT_PERIOD.toMillis() - 1, TimeUnit.MILLISECONDS);
    assertThat(requests()).isEqualTo(2);
    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS);

    assertThat(requests()).isEqualTo(3);
    watch.assertNoErrors().assertNotComplete();
  }

  @Test
  void failingMaxConsecutiveFailuresPollsInARowEndsTheWatchWithTheTypedError() {
    add("run_a", "QUEUED", Duration.ofMinutes(1));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(),
        WatchOptions.builder().maxConsecutiveFailures(3).build()).test();
    scheduler.triggerActions();
    server.faults(FaultPlan.scripted(Map.of(1, Fault.HTTP_502, 2, Fault.HTTP_502, 3, Fault.HTTP_502)));

    advance(2 + 4 + 8);

    watch.assertError(e -> e instanceof ServerException && ((ServerException) e).getStatusCode() == 502);
    assertThat(requests()).isEqualTo(4);
    advance(600);
    assertThat(requests()).isEqualTo(4);
  }

  @Test
  void aRejectedKeyEndsTheWatchAtOnce() {
    TestObserver<RunEvent> watch = client("not-a-trigger-key").runs().watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();

    watch.assertError(AuthenticationException.class);
    advance(60);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void disposingStopsPollingAtOnce() {
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();
    assertThat(requests()).isEqualTo(1);

    watch.dispose();
    advance(60);
    assertThat(requests()).isEqualTo(1);

    TestObserver<RunEvent> early = runs.watch(RunFilter.defaults(), every2s()).test();
    early.dispose();
    advance(60);
    assertThat(requests()).as("disposed before its first request was sent").isEqualTo(1);
  }

  @Test
  void stopWhenAllFinishedWaitsForARunThenForEveryRunToFinish() {
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(),
        WatchOptions.builder().stopWhenAllFinished(true).build()).test();
    scheduler.triggerActions();
    advance(2);
    watch.assertNotComplete(); // nothing seen yet: keep waiting

    add("run_a", "QUEUED", Duration.ofSeconds(1));
    add("run_b", "EXECUTING", Duration.ZERO);
    advance(2);
    server.setStatus("run_a", "COMPLETED");
    advance(2);
    watch.assertNotComplete(); // run_b is still going
    server.setStatus("run_b", "CRASHED");
    advance(2);

    watch.assertComplete().assertNoErrors();
    assertThat(events(watch)).containsExactly("CREATED run_b EXECUTING", "CREATED run_a QUEUED",
        "FINISHED run_a QUEUED->COMPLETED", "FINISHED run_b EXECUTING->CRASHED");
    int polls = requests();
    advance(60);
    assertThat(requests()).isEqualTo(polls);
  }

  @Test
  void stopWhenAllFinishedNeedsAPollWithoutNewRuns() {
    add("run_a", "COMPLETED", Duration.ofSeconds(5));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(),
        WatchOptions.builder().stopWhenAllFinished(true).build()).test();
    scheduler.triggerActions();
    watch.assertNotComplete(); // the first poll found a new run: maybe more of the batch are coming

    add("run_b", "COMPLETED", Duration.ZERO);
    advance(2);
    watch.assertNotComplete();
    advance(2);

    watch.assertComplete();
    assertThat(requests()).isEqualTo(3);
  }
}
