package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultPlan;
import io.github.triggerruns.testkit.MutableClock;
import io.github.triggerruns.testkit.RateLimit;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Runs#flowParallel}: against the testkit, every run the server holds arrives exactly once, whatever
 * the data's shape (many runs in one millisecond, cuts falling on such milliseconds, skew, empty stretches),
 * the faults, the rate limit, or an interruption and resume. Ids are compared as multisets: lost or repeated
 * runs both fail.
 */
class ParallelListingTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Duration YEAR = Duration.ofDays(365);

  private MutableClock clock = MutableClock.at(NOW);
  private FakeTriggerServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private FakeTriggerServer start(FakeTriggerServer.Builder builder, List<Instant> createdAt) {
    server = builder.runs(0).clock(clock).build().start();
    for (int i = 0; i < createdAt.size(); i++) {
      server.addRun(FakeRun.builder().id(String.format("run_%020d", i)).status("COMPLETED")
          .taskIdentifier("export-me").createdAt(createdAt.get(i)).build());
    }
    return server;
  }

  private FakeTriggerServer start(List<Instant> createdAt) {
    return start(FakeTriggerServer.builder().rateLimit(RateLimit.unlimited()), createdAt);
  }

  private TriggerRuns.Builder client() {
    return TriggerRuns.builder().secretKey(server.secretKey()).baseUrl(server.baseUrl())
        .environment(name -> null).clock(clock).sleeper(duration -> { });
  }

  private static List<Instant> spread(int count, Instant from, Duration over, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Instant> times = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      times.add(from.plusMillis(random.nextLong(over.toMillis())));
    }
    return times;
  }

  private List<String> serverIds() {
    return server.runs().stream().map(FakeRun::id).sorted().collect(Collectors.toList());
  }

  private static List<String> sortedIds(Iterable<Run> runs) {
    List<String> ids = new ArrayList<>();
    for (Run run : runs) {
      ids.add(run.getId());
    }
    ids.sort(null);
    return ids;
  }

  private static ParallelOptions options(int parallelism, int pageSize) {
    return ParallelOptions.builder().parallelism(parallelism).pageSize(pageSize).build();
  }

  @Test
  void everyRunOfAYearArrivesExactlyOnce() {
    start(spread(3_000, NOW.minus(YEAR), YEAR, 1));

    List<String> ids = sortedIds(client().build().runs().iterateParallel(RunFilter.allTime(), options(8, 50)));

    assertThat(ids).containsExactlyElementsOf(serverIds());
  }

  @Test
  void runsSharingAMillisecondWithACutAreNeitherLostNorRepeated() {
    // 21 milliseconds holding 40 runs each: with 7-run pages every window and every cut lands on a
    // millisecond that also holds runs on the other side of it.
    List<Instant> times = new ArrayList<>();
    Instant base = NOW.minus(Duration.ofHours(1));
    for (int ms = 0; ms <= 20; ms++) {
      for (int i = 0; i < 40; i++) {
        times.add(base.plusMillis(ms));
      }
    }
    start(times);
    RunFilter filter = RunFilter.builder().createdFrom(base).createdTo(base.plusMillis(20)).build();

    List<String> ids = sortedIds(client().build().runs().iterateParallel(filter, options(8, 7)));

    assertThat(ids).hasSize(840).containsExactlyElementsOf(serverIds());
  }

  @Test
  void skewedDataBalancesOutWithoutWastingRequests() {
    // 90% of the runs in the last day of the year, as a burst of activity would leave them.
    List<Instant> times = new ArrayList<>(spread(300, NOW.minus(YEAR), YEAR.minusDays(1), 2));
    times.addAll(spread(2_700, NOW.minus(Duration.ofDays(1)), Duration.ofDays(1), 3));
    start(times);

    List<String> ids = sortedIds(client().build().runs().iterateParallel(RunFilter.allTime(), options(8, 50)));

    assertThat(ids).containsExactlyElementsOf(serverIds());
    // 60 full pages' worth; the search for the range, partly filled pages at the cuts and the empty
    // stretches cost requests too, but boundedly so.
    assertThat(server.requestCount()).isLessThan(60 + 140);
  }

  @Test
  void emptyStretchesAndAnExplicitRangeAreCoveredWithoutLeakingOutside() {
    // Two clusters years apart, and runs just outside the range asked for.
    Instant from = NOW.minus(Duration.ofDays(3 * 365));
    List<Instant> times = new ArrayList<>(spread(500, from, Duration.ofDays(2), 4));
    times.addAll(spread(500, NOW.minus(Duration.ofDays(2)), Duration.ofDays(1), 5));
    times.add(from.minusMillis(1));
    times.add(NOW.minus(Duration.ofDays(1)).plusMillis(1));
    start(times);
    Instant to = NOW.minus(Duration.ofDays(1));
    RunFilter filter = RunFilter.builder().createdFrom(from).createdTo(to).build();

    List<String> ids = sortedIds(client().build().runs().iterateParallel(filter, options(6, 25)));

    List<String> expected = server.runs().stream()
        .filter(r -> !r.createdAt().isBefore(from) && !r.createdAt().isAfter(to))
        .map(FakeRun::id).sorted().collect(Collectors.toList());
    assertThat(expected).hasSize(1_000);
    assertThat(ids).containsExactlyElementsOf(expected);
  }

  @Test
  void faultsAndShortPagesLoseAndRepeatNothing() {
    start(FakeTriggerServer.builder().rateLimit(RateLimit.unlimited()).shortPages(0.1)
            .faults(FaultPlan.random(7, 0.2, Fault.HTTP_500, Fault.HTTP_503, Fault.HTTP_429,
                Fault.CONNECTION_RESET, Fault.TRUNCATED_BODY, Fault.EMPTY_RESPONSE)),
        spread(2_000, NOW.minus(YEAR), YEAR, 6));

    List<String> ids = sortedIds(client().maxRetries(12).build().runs()
        .iterateParallel(RunFilter.allTime(), options(8, 40)));

    assertThat(ids).containsExactlyElementsOf(serverIds());
    assertThat(server.faultCounts().total()).isPositive();
  }

  @Test
  void aResumedListingDeliversExactlyTheRunsNotDeliveredBeforeTheCheckpoint() {
    start(spread(1_500, NOW.minus(YEAR), YEAR, 8));
    Runs runs = client().build().runs();
    for (int stopAfter : new int[] {1, 7, 23}) {
      List<ParallelPage> before = runs.flowParallelPages(RunFilter.allTime(), options(5, 20))
          .take(stopAfter).toList().blockingGet();
      String checkpoint = before.get(before.size() - 1).getCheckpoint();

      List<Run> all = new ArrayList<>();
      before.forEach(page -> all.addAll(page.getRuns()));
      ParallelOptions resumed = options(5, 20).toBuilder().resumeFrom(checkpoint).build();
      runs.iterateParallel(RunFilter.allTime(), resumed).forEach(all::add);

      assertThat(sortedIds(all)).as("stopped after %d pages", stopAfter).containsExactlyElementsOf(serverIds());
    }
  }

  @Test
  void theBudgetReserveIsNeverSpentAnd429sNeverHappen() {
    // Burst 20, 10 more every 10 s: a reserve of 20% is 4 requests the export must never take.
    start(FakeTriggerServer.builder().rateLimit(RateLimit.of(20, 10, Duration.ofSeconds(10))),
        spread(400, NOW.minus(YEAR), YEAR, 9));
    TestScheduler scheduler = new TestScheduler(clock.millis(), TimeUnit.MILLISECONDS);
    List<Long> remaining = new CopyOnWriteArrayList<>();
    OkHttpClient watching = new OkHttpClient.Builder().addInterceptor(chain -> {
      okhttp3.Response response = chain.proceed(chain.request());
      remaining.add(Long.parseLong(response.header("x-ratelimit-remaining")));
      return response;
    }).build();
    Runs runs = client().okHttpClient(watching).scheduler(scheduler).build().runs();

    AtomicBoolean ended = new AtomicBoolean();
    TestSubscriber<Run> subscriber = runs.flowParallel(RunFilter.allTime(), options(4, 10))
        .doOnTerminate(() -> ended.set(true)).test();
    for (int second = 0; second < 3_600 && !ended.get(); second++) {
      scheduler.triggerActions();
      clock.advance(Duration.ofSeconds(1));
      scheduler.advanceTimeBy(1, TimeUnit.SECONDS);
    }

    subscriber.assertComplete();
    assertThat(sortedIds(subscriber.values())).containsExactlyElementsOf(serverIds());
    assertThat(remaining).isNotEmpty().allSatisfy(left -> assertThat(left).isGreaterThanOrEqualTo(4));
    assertThat(server.faultCounts().total()).isZero();
  }

  @Test
  void cancellingStopsFetching() {
    start(spread(1_000, NOW.minus(YEAR), YEAR, 10));
    TestScheduler scheduler = new TestScheduler(clock.millis(), TimeUnit.MILLISECONDS);
    Runs runs = client().scheduler(scheduler).build().runs();

    TestSubscriber<ParallelPage> subscriber = runs.flowParallelPages(RunFilter.allTime(), options(4, 10)).test(1);
    while (subscriber.values().isEmpty()) {
      scheduler.triggerActions();
    }
    subscriber.cancel();
    int sent = server.requestCount();
    scheduler.advanceTimeBy(1, TimeUnit.HOURS);

    assertThat(server.requestCount()).isEqualTo(sent);
    assertThat(subscriber.values()).hasSize(1);
  }

  @Test
  void aFilterWithoutATimeWindowIsRefusedBeforeAnyRequest() {
    start(spread(10, NOW.minus(YEAR), YEAR, 11));
    Runs runs = client().build().runs();

    assertThatThrownBy(() -> runs.flowParallel(RunFilter.defaults(), ParallelOptions.defaults()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("allTime()");
    assertThatThrownBy(() -> runs.flowParallel(RunFilter.allTime(),
        ParallelOptions.builder().resumeFrom("not a checkpoint").build()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("getCheckpoint()");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void aPeriodBecomesAFixedRange() {
    // The period is measured back from the scheduler's now, the wall clock here: so is the server's.
    Instant now = Instant.now();
    clock = MutableClock.at(now);
    List<Instant> times = new ArrayList<>(spread(200, now.minus(Duration.ofDays(2)).plusSeconds(60),
        Duration.ofDays(2).minusSeconds(120), 12));
    times.addAll(spread(100, now.minus(YEAR), Duration.ofDays(30), 13));
    start(times);
    RunFilter lastTwoDays = RunFilter.builder().period("2d").build();

    List<String> ids = sortedIds(client().build().runs().iterateParallel(lastTwoDays, options(4, 25)));

    Set<String> recent = new HashSet<>();
    server.runs().stream().filter(r -> r.createdAt().isAfter(now.minus(Duration.ofDays(2))))
        .forEach(r -> recent.add(r.id()));
    assertThat(ids).hasSize(200).containsExactlyInAnyOrderElementsOf(recent);
  }
}
