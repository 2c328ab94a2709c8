package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.RxTestSupport.T0;
import static io.github.triggerruns.RxTestSupport.cursorsRequested;
import static io.github.triggerruns.RxTestSupport.listRequests;
import static io.github.triggerruns.RxTestSupport.page;
import static io.github.triggerruns.RxTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.triggerruns.internal.http.Sleeper;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Runs#flow}, {@link Runs#observe} and {@link Runs#listAsync}, on virtual time: what the server sees
 * under each pattern of requests from the subscriber.
 */
class RunFlowTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final TestScheduler scheduler = RxTestSupport.scheduler();
  private final List<Duration> sleeps = RxTestSupport.sleeps();
  private Runs runs;

  @BeforeEach
  void setUp() {
    runs = RxTestSupport.client(server, scheduler, 4, sleeps).runs();
  }

  /** Serves page {@code cursor} ("-" for the first page): runs with the given ids, and the next cursor. */
  private static void stubPage(String cursor, String next, String... ids) {
    String[] runs = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      runs[i] = run(ids[i], "COMPLETED", T0.minusSeconds(i));
    }
    server.stubFor(get(urlPathEqualTo("/api/v1/runs"))
        .withQueryParam("page[after]", cursor.equals("-") ? absent() : equalTo(cursor))
        .willReturn(okJson(page(next, runs))));
  }

  /** Three pages: a b | c d | e. */
  private static void stubThreePages() {
    stubPage("-", "c1", "a", "b");
    stubPage("c1", "c2", "c", "d");
    stubPage("c2", null, "e");
  }

  private static List<String> ids(List<Run> runs) {
    return runs.stream().map(Run::getId).collect(Collectors.toList());
  }

  private int requests() {
    return listRequests(server).size();
  }

  @Test
  void nothingIsSentBeforeSubscriptionNorBeforeTheFirstRequest() {
    stubThreePages();
    Flowable<Run> flow = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2));
    scheduler.triggerActions();
    assertThat(requests()).isZero();

    TestSubscriber<Run> subscriber = flow.test(0);
    scheduler.triggerActions();

    assertThat(requests()).isZero();
    subscriber.assertNoValues().assertNotComplete();
  }

  @Test
  void requestOneFetchesTheFirstPageAndPrefetchesOnlyTheSecond() {
    stubThreePages();

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test(1);
    assertThat(requests()).as("the fetch runs on the scheduler, not on the subscribing thread").isZero();
    scheduler.triggerActions();

    assertThat(ids(subscriber.values())).containsExactly("a");
    assertThat(cursorsRequested(server)).containsExactly("-", "c1");
    assertThat(RxTestSupport.query(listRequests(server).get(0), "page[size]")).isEqualTo("2");
    assertThat(RxTestSupport.query(listRequests(server).get(0), "filter[createdAt][from]")).isEqualTo("1");
  }

  @Test
  void requestsFollowDemandAcrossPageBoundaries() {
    stubThreePages();
    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test(1);
    scheduler.triggerActions();
    assertThat(requests()).isEqualTo(2);

    subscriber.request(1); // b: still page 1; page 2 is already here
    scheduler.triggerActions();
    assertThat(ids(subscriber.values())).containsExactly("a", "b");
    assertThat(requests()).isEqualTo(2);

    subscriber.request(1); // c: page 2 starts being emitted, so page 3 is fetched
    scheduler.triggerActions();
    assertThat(ids(subscriber.values())).containsExactly("a", "b", "c");
    assertThat(cursorsRequested(server)).containsExactly("-", "c1", "c2");

    subscriber.request(2); // d, e: exactly what is left, so it completes without more demand
    scheduler.triggerActions();
    assertThat(ids(subscriber.values())).containsExactly("a", "b", "c", "d", "e");
    subscriber.assertComplete().assertNoErrors();
    assertThat(requests()).isEqualTo(3);
  }

  /**
   * Whatever a subscriber requests first, the server sees the pages holding those runs and one page more:
   * five pages of two runs (a b | c d | e f | g h | i j).
   */
  @ParameterizedTest(name = "request({0})")
  @ValueSource(longs = {0, 1, 2, 3, 4, 5, 8, 9, 10, 11, Long.MAX_VALUE})
  void theFirstRequestCostsThePagesItReachesAndOneMore(long n) {
    stubPages(5, 2);

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test(n);
    scheduler.triggerActions();

    long pagesReached = (Math.min(n, 10) + 1) / 2;
    assertThat(subscriber.values()).hasSize((int) Math.min(n, 10));
    assertThat(requests()).isEqualTo(n == 0 ? 0 : (int) Math.min(pagesReached + 1, 5));
    if (n >= 10) {
      subscriber.assertComplete();
    } else {
      subscriber.assertNotComplete();
    }
  }

  @Test
  void neverFetchesMoreThanOnePageAhead() {
    int pages = 8;
    stubPages(pages, 1);
    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(1)).test(0);

    for (int emitted = 1; emitted <= pages; emitted++) {
      subscriber.request(1);
      scheduler.triggerActions();
      assertThat(subscriber.values()).hasSize(emitted);
      assertThat(requests()).as("requests after %d runs", emitted).isEqualTo(Math.min(emitted + 1, pages));
    }
    subscriber.assertComplete();
    assertThat(ids(subscriber.values()))
        .containsExactlyElementsOf(IntStream.range(0, pages).mapToObj(i -> "r" + i).collect(Collectors.toList()));
  }

  @Test
  void anOperatorRequestingInBatchesPullsPagesAsTheBatchesAreConsumed() {
    stubPages(9, 1);
    // observeOn asks for 4 runs at once, then for 3 more each time it has handed on 3.
    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(1))
        .observeOn(scheduler, false, 4).test(0);
    scheduler.triggerActions();
    assertThat(requests()).as("4 runs asked for: 4 pages, and 1 ahead").isEqualTo(5);
    assertThat(subscriber.values()).isEmpty();

    subscriber.request(3);
    scheduler.triggerActions();

    assertThat(ids(subscriber.values())).containsExactly("r0", "r1", "r2");
    assertThat(requests()).as("7 runs asked for: 7 pages, and 1 ahead").isEqualTo(8);
  }

  @Test
  void anEmptyLastPageCompletesWithoutFurtherDemand() {
    stubPage("-", "c1", "a", "b");
    stubPage("c1", null);

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test(2);
    scheduler.triggerActions();

    assertThat(ids(subscriber.values())).containsExactly("a", "b");
    subscriber.assertComplete();
    assertThat(requests()).isEqualTo(2);
  }

  /** {@code pages} pages of {@code size} runs each, r0 to r{pages * size - 1}, with cursors c1, c2, ... */
  private static void stubPages(int pages, int size) {
    for (int p = 0; p < pages; p++) {
      String[] ids = new String[size];
      for (int i = 0; i < size; i++) {
        ids[i] = "r" + (p * size + i);
      }
      stubPage(p == 0 ? "-" : "c" + p, p == pages - 1 ? null : "c" + (p + 1), ids);
    }
  }

  @Test
  void otherWorkOnTheSchedulerRunsBetweenPages() {
    int pages = 10;
    stubPages(pages, 1);
    AtomicInteger requestsWhenOtherWorkRan = new AtomicInteger(-1);

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(1)).test();
    // Queued behind the first fetch, as a watch poll would be on a single-threaded scheduler.
    scheduler.scheduleDirect(() -> requestsWhenOtherWorkRan.set(requests()));
    scheduler.triggerActions();

    subscriber.assertComplete();
    assertThat(subscriber.values()).hasSize(pages);
    assertThat(requestsWhenOtherWorkRan.get()).as("each fetch is a task of its own, queued behind it").isEqualTo(1);
  }

  @Test
  void cancellingInterruptsAWaitBetweenRetriesOfTheFetchInFlight() throws Exception {
    stubPage("-", "c1", "a", "b");
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[after]", equalTo("c1"))
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "20")));
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Sleeper watchedSleep = duration -> {
      waiting.countDown();
      try {
        Sleeper.SYSTEM.sleep(duration);
      } catch (InterruptedIOException e) {
        interrupted.countDown();
        throw e;
      }
    };
    Scheduler io = RxJavaPlugins.createIoScheduler(runnable -> new Thread(runnable, "cancel-io"));
    try {
      Runs onIo = TestClients.newClient(server.baseUrl()).sleeper(watchedSleep).scheduler(io).build().runs();
      TestSubscriber<Run> subscriber = onIo.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test(1);
      // Bounded waits: a failure shows as false here rather than as a hung build.
      assertThat(waiting.await(10, TimeUnit.SECONDS)).as("the prefetch waits 20 s to retry").isTrue();

      subscriber.cancel();

      assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the wait ended by the cancel").isTrue();
      assertThat(cursorsRequested(server)).containsExactly("-", "c1");
      assertThat(ids(subscriber.values())).containsExactly("a");
      subscriber.assertNotComplete().assertNoErrors();
    } finally {
      io.shutdown();
    }
  }

  @Test
  void cancellingStopsAllFetching() {
    stubThreePages();
    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test(1);
    scheduler.triggerActions();
    assertThat(requests()).isEqualTo(2);

    subscriber.cancel();
    subscriber.request(10);
    scheduler.advanceTimeBy(1, TimeUnit.MINUTES);

    assertThat(requests()).isEqualTo(2);
    assertThat(subscriber.values()).hasSize(1);
  }

  @Test
  void cancellingBeforeTheScheduledFetchRunsSendsNothing() {
    stubThreePages();
    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test(5);

    subscriber.cancel();
    scheduler.triggerActions();

    assertThat(requests()).isZero();
  }

  @Test
  void takeCancelsTheFetchItHasNoUseFor() {
    stubThreePages();

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).take(3).test();
    scheduler.triggerActions();

    assertThat(ids(subscriber.values())).containsExactly("a", "b", "c");
    subscriber.assertComplete();
    assertThat(cursorsRequested(server)).as("page 3's fetch was due, then cancelled").containsExactly("-", "c1");
  }

  @Test
  void errorsAreTypedAndArriveAfterTheRunsBeforeThem() {
    stubPage("-", "c1", "a", "b");
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[after]", equalTo("c1"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
            "{\"error\":\"Query Error\",\"details\":[{\"code\":\"custom\",\"message\":\"Invalid cursor\","
                + "\"path\":[\"page[after]\"]}]}")));
    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test(1);
    scheduler.triggerActions();
    subscriber.assertNoErrors(); // page 2 failed already, but run b comes first

    subscriber.request(5);
    scheduler.triggerActions();

    assertThat(ids(subscriber.values())).containsExactly("a", "b");
    subscriber.assertError(e -> e instanceof BadRequestException
        && ((BadRequestException) e).getDetails().get(0).getMessage().equals("Invalid cursor"));
  }

  @Test
  void aFailedFirstPageIsATypedError() {
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Invalid API key\"}")));

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime()).test(1);
    scheduler.triggerActions();

    subscriber.assertError(AuthenticationException.class).assertNoValues();
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void emptyAndShortPagesWithANextCursorAreFollowed() {
    stubPage("-", "c1", "a");
    stubPage("c1", "c2");
    stubPage("c2", "c3");
    stubPage("c3", null, "b", "c");

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(3)).test();
    scheduler.triggerActions();

    assertThat(ids(subscriber.values())).containsExactly("a", "b", "c");
    subscriber.assertComplete();
    assertThat(cursorsRequested(server)).containsExactly("-", "c1", "c2", "c3");
  }

  @Test
  void anEmptyResultCompletes() {
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).willReturn(okJson("{\"data\":[],\"pagination\":{}}")));

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime()).test(1);
    scheduler.triggerActions();

    subscriber.assertComplete().assertNoValues();
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void aRepeatedCursorEndsWithPaginationExceptionInsteadOfLooping() {
    stubPage("-", "c1", "a");
    stubPage("c1", "c1", "b");

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(1)).test();
    scheduler.triggerActions();

    assertThat(ids(subscriber.values())).containsExactly("a", "b");
    subscriber.assertError(e -> e instanceof PaginationException && e.getMessage().contains("cursor c1"));
    assertThat(requests()).isEqualTo(2);
  }

  @Test
  void aPageRetriedByTheHttpLayerIsNeitherLostNorDuplicated() {
    stubPage("-", "c1", "a", "b");
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[after]", equalTo("c1"))
        .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
        .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"Service Unavailable\"}")));
    server.stubFor(get(urlPathEqualTo("/api/v1/runs")).withQueryParam("page[after]", equalTo("c1"))
        .inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(okJson(page(null, run("c", "COMPLETED", T0), run("d", "COMPLETED", T0)))));

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test();
    scheduler.triggerActions();

    assertThat(ids(subscriber.values())).containsExactly("a", "b", "c", "d");
    subscriber.assertComplete();
    assertThat(cursorsRequested(server)).containsExactly("-", "c1", "c1");
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void startsAfterTheRequestsCursorAndRejectsABeforeCursor() {
    stubThreePages();

    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2).after("c1")).test();
    scheduler.triggerActions();

    assertThat(ids(subscriber.values())).containsExactly("c", "d", "e");
    assertThatThrownBy(() -> runs.flow(RunFilter.allTime(), PageRequest.ofSize(2).before("c1")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("after");
  }

  @Test
  void aNonPositiveRequestIsSignalledAsRuleThreeNineRequires() {
    stubThreePages();
    TestSubscriber<Run> subscriber = runs.flow(RunFilter.allTime()).test(0);

    subscriber.request(0);

    subscriber.assertError(IllegalArgumentException.class);
    scheduler.triggerActions();
    assertThat(requests()).isZero();
  }

  @Test
  void observeEmitsTheSameSequence() {
    stubThreePages();
    TestSubscriber<Run> flowed = runs.flow(RunFilter.allTime(), PageRequest.ofSize(2)).test();
    scheduler.triggerActions();

    TestObserver<Run> observed = runs.observe(RunFilter.allTime(), PageRequest.ofSize(2)).test();
    assertThat(observed.values()).isEmpty();
    scheduler.triggerActions();

    observed.assertComplete();
    assertThat(observed.values()).containsExactlyElementsOf(flowed.values());
    assertThat(ids(observed.values())).containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void observeStopsFetchingWhenDisposed() {
    stubThreePages();
    TestObserver<Run> observed = runs.observe(RunFilter.allTime(), PageRequest.ofSize(2)).test();
    observed.dispose();
    scheduler.triggerActions();

    assertThat(requests()).isZero();
  }

  @Test
  void listAsyncRunsOnTheScheduler() {
    stubThreePages();

    TestObserver<Page<Run>> page = runs.listAsync(RunFilter.allTime(), PageRequest.ofSize(2)).test();
    assertThat(requests()).isZero();
    scheduler.triggerActions();

    page.assertComplete();
    assertThat(ids(page.values().get(0).getData())).containsExactly("a", "b");
    assertThat(page.values().get(0).getNextCursor()).isEqualTo("c1");
  }

  @Test
  void sendsEveryRequestOnTheSchedulerNeverOnTheSubscribingThread() {
    stubThreePages();
    // Where runs are emitted is not promised (the drain loop runs on whichever thread delivered a page or a
    // request last); where requests are sent is: never on the subscriber's thread.
    List<String> requestThreads = new CopyOnWriteArrayList<>();
    OkHttpClient recording = new OkHttpClient.Builder().addInterceptor(chain -> {
      requestThreads.add(Thread.currentThread().getName());
      return chain.proceed(chain.request());
    }).build();
    Runs onIo = TriggerRuns.builder().environment(name -> null).secretKey("tr_dev_test")
        .baseUrl(server.baseUrl()).okHttpClient(recording).scheduler(Schedulers.io()).build().runs();
    String caller = Thread.currentThread().getName();

    List<Run> all = onIo.flow(RunFilter.allTime(), PageRequest.ofSize(2)).toList().blockingGet();

    assertThat(ids(all)).containsExactly("a", "b", "c", "d", "e");
    assertThat(requestThreads).hasSize(3).doesNotContain(caller);
  }

  @Test
  void eachPrefetchRunsWhileThePageBeforeItIsStillBeingConsumedOnAColdIoScheduler() throws Exception {
    stubThreePages();
    // A fresh io() scheduler: its pool holds no idle thread that could hide a fetch queued behind the
    // emission of the current page (what happened when the delivered fetch was disposed, not replaced).
    Scheduler io = RxJavaPlugins.createIoScheduler(runnable -> new Thread(runnable, "cold-io"));
    try {
      Map<String, CountDownLatch> requested = new ConcurrentHashMap<>();
      requested.put("c1", new CountDownLatch(1));
      requested.put("c2", new CountDownLatch(1));
      OkHttpClient watching = new OkHttpClient.Builder()
          .addNetworkInterceptor(chain -> {
            String cursor = chain.request().url().queryParameter("page[after]");
            if (cursor != null) {
              requested.get(cursor).countDown();
            }
            return chain.proceed(chain.request());
          })
          .build();
      Runs coldRuns = TestClients.newClient(server.baseUrl()).okHttpClient(watching).scheduler(io).build().runs();
      List<Boolean> prefetchedWhileConsumingThePageBefore = new CopyOnWriteArrayList<>();

      // The consumer waits on a page's first run until the next page has reached the server.
      List<String> ids = ids(coldRuns.flow(RunFilter.allTime(), PageRequest.ofSize(2))
          .doOnNext(run -> {
            String nextCursor = run.getId().equals("a") ? "c1" : run.getId().equals("c") ? "c2" : null;
            if (nextCursor != null) {
              // Bounded: a failure shows as false here rather than as a hung build.
              prefetchedWhileConsumingThePageBefore.add(requested.get(nextCursor).await(10, TimeUnit.SECONDS));
            }
          })
          .toList().blockingGet());

      assertThat(ids).containsExactly("a", "b", "c", "d", "e");
      assertThat(prefetchedWhileConsumingThePageBefore).containsExactly(true, true);
    } finally {
      io.shutdown();
    }
  }
}
