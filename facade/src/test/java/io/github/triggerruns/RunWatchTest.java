package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.RxTestSupport.T0;
import static io.github.triggerruns.RxTestSupport.cursorsRequested;
import static io.github.triggerruns.RxTestSupport.listRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Runs#watch}: polling, diffing, poll depth, failures and stopping, on virtual time. */
class RunWatchTest {
  private static final FakeRunsEndpoint fake = new FakeRunsEndpoint();

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().extensions(fake)).build();

  private final TestScheduler scheduler = RxTestSupport.scheduler();
  private final List<Duration> sleeps = RxTestSupport.sleeps();
  /** Retries off, so that one failed poll is one request: the HTTP layer's retries are tested elsewhere. */
  private Runs runs;

  @BeforeEach
  void setUp() {
    fake.reset();
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(aResponse().withTransformers(FakeRunsEndpoint.NAME)));
    runs = RxTestSupport.clientWithoutRetries(server, scheduler, sleeps).runs();
  }

  private static Instant at(int secondsBeforeT0) {
    return T0.minusSeconds(secondsBeforeT0);
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
    return listRequests(server).size();
  }

  private static ResponseDefinition status(int code, String body) {
    return responseDefinition().withStatus(code).withHeader("Content-Type", "application/json").withBody(body)
        .build();
  }

  @Test
  void theFirstPollSendsAnExplicitWindowInsteadOfTheHidden7Days() {
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    assertThat(requests()).as("nothing on the subscribing thread").isZero();
    scheduler.triggerActions();

    assertThat(requests()).isEqualTo(1);
    assertThat(RxTestSupport.query(listRequests(server).get(0), "filter[createdAt][from]"))
        .isEqualTo(Long.toString(T0.minus(Duration.ofHours(1)).toEpochMilli()));
    assertThat(RxTestSupport.query(listRequests(server).get(0), "page[size]")).isEqualTo("100");
    watch.assertNoValues().assertNotComplete().dispose();
  }

  @Test
  void sinceAndTheFiltersOwnWindowAreSentAsGiven() {
    Instant since = T0.minus(Duration.ofMinutes(5));
    runs.watch(RunFilter.builder().tags("batch-7").build(), PageRequest.ofSize(10),
        WatchOptions.builder().since(since).build()).test();
    runs.watch(RunFilter.builder().period("1d").build(), WatchOptions.defaults()).test();
    scheduler.triggerActions();

    assertThat(RxTestSupport.query(listRequests(server).get(0), "filter[createdAt][from]"))
        .isEqualTo(Long.toString(since.toEpochMilli()));
    assertThat(RxTestSupport.query(listRequests(server).get(0), "filter[tag]")).isEqualTo("batch-7");
    assertThat(RxTestSupport.query(listRequests(server).get(0), "page[size]")).isEqualTo("10");
    assertThat(RxTestSupport.query(listRequests(server).get(1), "filter[createdAt][period]")).isEqualTo("1d");
    assertThat(RxTestSupport.query(listRequests(server).get(1), "filter[createdAt][from]")).isNull();
  }

  @Test
  void aWindowInBothTheFilterAndTheOptionsIsRejected() {
    assertThatThrownBy(() -> runs.watch(RunFilter.builder().period("1d").build(),
        WatchOptions.builder().lookback(Duration.ofMinutes(5)).build()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("one place");
    assertThatThrownBy(() -> runs.watch(RunFilter.defaults(), PageRequest.ofSize(10).after("c"),
        WatchOptions.defaults()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
  }

  @Test
  void runsAppearChangeAndFinishEachReportedOnce() {
    fake.put("run_a", "QUEUED", at(60));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();
    assertThat(events(watch)).containsExactly("CREATED run_a QUEUED");

    fake.update("run_a", "EXECUTING", at(1));
    advance(2);
    advance(2);
    fake.put("run_b", "EXECUTING", at(0)).update("run_a", "COMPLETED", T0);
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
    fake.put("run_a", "EXECUTING", at(60));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();

    fake.update("run_a", "EXECUTING", at(10));
    advance(2);

    assertThat(watch.values()).hasSize(2);
    RunEvent update = watch.values().get(1);
    assertThat(update.getType()).isEqualTo(RunEvent.Type.UPDATED);
    assertThat(update.getPreviousStatus()).isEqualTo(RunStatus.EXECUTING);
    assertThat(update.getRun().getUpdatedAt()).isEqualTo(at(10));
  }

  @Test
  void aRunFirstSeenFinishedGetsCreatedThenFinishedAndNothingMore() {
    fake.put("run_done", "COMPLETED", at(30));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();
    fake.update("run_done", "COMPLETED", at(1)); // a finished run's updatedAt moving is not reported
    advance(10);

    assertThat(events(watch)).containsExactly("CREATED run_done COMPLETED", "FINISHED run_done COMPLETED");
    assertThat(watch.values().get(1).getPreviousStatus()).isNull();
  }

  @Test
  void laterPollsReadOnlyDownToTheOldestRunStillGoing() {
    // Newest first, pages of 2: [r1 r2] [r3 r4] [r5 r6] [r7 r8]; only r5 is still going.
    for (int i = 1; i <= 8; i++) {
      fake.put("r" + i, i == 5 ? "EXECUTING" : "COMPLETED", at(i * 10));
    }
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), PageRequest.ofSize(2), every2s()).test();
    scheduler.triggerActions();
    assertThat(requests()).as("the first poll reads the whole window").isEqualTo(4);

    advance(2);
    assertThat(cursorsRequested(server).subList(4, requests()))
        .as("down to r5's page, whose last run is older than r5").containsExactly("-", "cursor_r2", "cursor_r4");

    fake.update("r5", "FAILED", T0);
    advance(2);
    assertThat(requests()).isEqualTo(4 + 3 + 3);

    advance(2);
    assertThat(cursorsRequested(server).subList(10, requests()))
        .as("nothing going: only down to the newest run seen").containsExactly("-");
    assertThat(watch.values()).filteredOn(e -> e.getType() == RunEvent.Type.FINISHED).hasSize(8);
  }

  @Test
  void aRunThatLeavesTheFilterIsNoLongerWaitedFor() {
    // Newest first, pages of 1: r1 r2 r3 r4; r3 is queued, the others are done.
    fake.put("r1", "COMPLETED", at(10)).put("r2", "COMPLETED", at(20)).put("r3", "QUEUED", at(30))
        .put("r4", "COMPLETED", at(40));
    RunFilter queuedOrDone = RunFilter.builder().statuses(RunStatus.QUEUED, RunStatus.COMPLETED).build();
    TestObserver<RunEvent> watch = runs.watch(queuedOrDone, PageRequest.ofSize(1), every2s()).test();
    scheduler.triggerActions();
    fake.update("r3", "EXECUTING", T0); // no longer matches the filter

    advance(2);
    assertThat(cursorsRequested(server).subList(4, requests())).as("still down to r3, which is not found")
        .containsExactly("-", "cursor_r1", "cursor_r2");
    advance(2);
    assertThat(cursorsRequested(server).subList(7, requests())).as("r3 is not waited for any more")
        .containsExactly("-", "cursor_r1");
    assertThat(events(watch)).filteredOn(e -> e.contains("r3")).containsExactly("CREATED r3 QUEUED");
  }

  @Test
  void transientFailuresBackOffAndDoNotEndTheWatch() {
    fake.put("run_a", "QUEUED", at(60));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();
    fake.failNext(
        status(500, "{\"error\":\"Internal Server Error\"}"),
        responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build());

    advance(2); // poll 2: 500; the next poll waits 2 x 2 s
    assertThat(requests()).isEqualTo(2);
    scheduler.advanceTimeBy(3_999, TimeUnit.MILLISECONDS);
    assertThat(requests()).isEqualTo(2);
    scheduler.advanceTimeBy(1, TimeUnit.MILLISECONDS); // poll 3: connection reset; the next waits 4 x 2 s
    assertThat(requests()).isEqualTo(3);
    advance(7);
    assertThat(requests()).isEqualTo(3);
    fake.update("run_a", "EXECUTING", at(5));
    advance(1); // poll 4 succeeds, and the interval is back to 2 s
    advance(2);

    assertThat(requests()).isEqualTo(5);
    assertThat(events(watch)).containsExactly("CREATED run_a QUEUED", "UPDATED run_a QUEUED->EXECUTING");
    watch.assertNoErrors().assertNotComplete();
  }

  @Test
  void aRateLimitWaitsUntilTheBudgetRefills() {
    fake.put("run_a", "QUEUED", at(60));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
    scheduler.triggerActions();
    long resetAt = T0.plusSeconds(2 + 30).toEpochMilli();
    fake.failNext(responseDefinition().withStatus(429)
        .withHeader("Content-Type", "application/problem+json")
        .withHeader("x-ratelimit-limit", "750").withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", Long.toString(resetAt))
        .withBody("{\"title\":\"Rate Limit Exceeded\",\"status\":429,\"reset\":" + resetAt + "}").build());

    advance(2); // poll 2: 429, resetting 30 s later (longer than the 4 s backoff)
    advance(29);
    assertThat(requests()).isEqualTo(2);
    advance(1);

    assertThat(requests()).isEqualTo(3);
    watch.assertNoErrors().assertNotComplete();
  }

  @Test
  void failingMaxConsecutiveFailuresPollsInARowEndsTheWatchWithTheTypedError() {
    fake.put("run_a", "QUEUED", at(60));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(),
        WatchOptions.builder().maxConsecutiveFailures(3).build()).test();
    scheduler.triggerActions();
    ResponseDefinition failure = status(502, "{\"error\":\"Bad Gateway\"}");
    fake.failNext(failure, failure, failure, failure);

    advance(2 + 4 + 8);

    watch.assertError(ServerException.class);
    assertThat(requests()).isEqualTo(4);
    advance(600);
    assertThat(requests()).isEqualTo(4);
  }

  @Test
  void aRejectedKeyEndsTheWatchAtOnce() {
    fake.failNext(status(401, "{\"error\":\"Invalid API key\"}"));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(), every2s()).test();
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

    fake.put("run_a", "QUEUED", T0).put("run_b", "EXECUTING", T0.plusSeconds(1));
    advance(2);
    fake.update("run_a", "COMPLETED", T0.plusSeconds(5));
    advance(2);
    watch.assertNotComplete(); // run_b is still going
    fake.update("run_b", "CRASHED", T0.plusSeconds(7));
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
    fake.put("run_a", "COMPLETED", at(5));
    TestObserver<RunEvent> watch = runs.watch(RunFilter.defaults(),
        WatchOptions.builder().stopWhenAllFinished(true).build()).test();
    scheduler.triggerActions();
    watch.assertNotComplete(); // the first poll found a new run: maybe more of the batch are coming

    fake.put("run_b", "COMPLETED", T0);
    advance(2);
    watch.assertNotComplete();
    advance(2);

    watch.assertComplete();
    assertThat(requests()).isEqualTo(3);
  }

  @Test
  void watchOptionsSayWhatToChange() {
    assertThatThrownBy(() -> WatchOptions.builder().pollInterval(Duration.ofMillis(50)).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least 100 ms");
    assertThatThrownBy(() -> WatchOptions.builder().lookback(Duration.ZERO).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> WatchOptions.builder().lookback(Duration.ofHours(1)).since(T0).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> WatchOptions.builder().maxConsecutiveFailures(0).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1 or more");
    WatchOptions defaults = WatchOptions.defaults();
    assertThat(defaults.getPollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(defaults.isStopWhenAllFinished()).isFalse();
    assertThat(defaults.getMaxConsecutiveFailures()).isEqualTo(5);
    assertThat(defaults.getLookback()).isNull();
    assertThat(defaults.getSince()).isNull();
  }
}
