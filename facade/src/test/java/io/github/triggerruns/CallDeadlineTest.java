package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.INTERNAL_500;
import static io.github.triggerruns.TestClients.SECRET_KEY;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.json;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.livePage;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequestCount;
import static io.github.triggerruns.TestClients.stubRuns;
import static io.github.triggerruns.TestClients.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.triggerruns.internal.http.Sleeper;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every wait between attempts (backoff, a 429's reset, pacing on a spent budget) ends by the call's
 * deadline, its start plus callTimeout: a wait that would pass it is not started, and the call fails at once
 * with the timeout. A cancel ends a wait too, and nothing is sent after it. Time is fake: the sleeper
 * records each wait and moves the clock on by it.
 */
class CallDeadlineTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();

  @AfterEach
  void resetRxPlugins() {
    RxJavaPlugins.reset();
  }

  private static void assertTimedOut(ApiConnectionException e, String callTimeout) {
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("timed out").contains("callTimeout of " + callTimeout)
        .doesNotContain(SECRET_KEY);
  }

  @Test
  void a429WhoseResetIsPastTheDeadlineFailsAtOnce() {
    stubSequence(server, aResponse().withStatus(429).withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", Long.toString(time.nowMillis() + 8_000)), livePage());
    TriggerRuns client = newClient(server.baseUrl(), time).callTimeout(Duration.ofSeconds(1)).build();

    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));

    assertTimedOut(e, "1000 ms");
    assertThat(time.waits()).as("no wait past the deadline was started").isEmpty();
    assertThat(runRequestCount(server)).isEqualTo(1);
  }

  @Test
  void backoffStopsBeforeTheWaitThatWouldPassTheDeadline() {
    stubRuns(server, json(500, INTERNAL_500));
    TriggerRuns client = newClient(server.baseUrl(), time).callTimeout(Duration.ofSeconds(1))
        .random(() -> 0.0).build();

    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));

    assertTimedOut(e, "1000 ms");
    // 250 + 500 ms end before the deadline; the next wait, 1000 ms, would end after it.
    assertThat(time.waitMillis()).containsExactly(250L, 500L);
    assertThat(runRequestCount(server)).isEqualTo(3);
  }

  @Test
  void waitsWithinTheDeadlineAreWaited() {
    stubSequence(server, aResponse().withStatus(429).withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", Long.toString(time.nowMillis() + 8_000)), livePage());
    TriggerRuns client = newClient(server.baseUrl(), time).callTimeout(Duration.ofSeconds(10))
        .random(() -> 0.0).build();

    assertThat(listOnce(client).getData()).hasSize(18);
    assertThat(time.waitMillis()).containsExactly(8_000L);
  }

  @Test
  void pacingWaitPastTheDeadlineFailsAtOnce() {
    stubSequence(server, emptyPage().withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", Long.toString(time.nowMillis() + 5_000)), emptyPage());
    TriggerRuns client = newClient(server.baseUrl(), time).callTimeout(Duration.ofSeconds(2)).build();
    listOnce(client);

    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));

    assertTimedOut(e, "2000 ms");
    assertThat(time.waits()).isEmpty();
    assertThat(runRequestCount(server)).as("the second call sent nothing").isEqualTo(1);
  }

  @Test
  void cancelDuringAWaitEndsTheCall() {
    // The 500 says the budget is spent for 5 s more: after the backoff, the call would wait for it again.
    stubSequence(server, json(500, INTERNAL_500).withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", Long.toString(time.nowMillis() + 5_000)), emptyPage());
    AtomicReference<Call> call = new AtomicReference<>();
    OkHttpClient users = new OkHttpClient.Builder().addInterceptor(chain -> {
      call.set(chain.call());
      return chain.proceed(chain.request());
    }).build();
    time.beforeEachWait(wait -> call.get().cancel());
    TriggerRuns client = newClient(server.baseUrl(), time).okHttpClient(users).random(() -> 0.0).build();

    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));

    assertThat(e).isNotNull();
    assertThat(time.waitMillis()).as("no wait after the cancel").containsExactly(250L);
    assertThat(runRequestCount(server)).as("nothing sent after the cancel").isEqualTo(1);
  }

  @Test
  void disposingDuringAWaitInterruptsItAndSendsNothingMore() throws InterruptedException {
    RxJavaPlugins.setErrorHandler(undeliverable -> { });
    stubSequence(server, json(500, INTERNAL_500), emptyPage());
    CountDownLatch waiting = new CountDownLatch(1);
    // Asked for a short backoff, it blocks until interrupted, in the real sleeper's way.
    Sleeper blocking = wait -> {
      waiting.countDown();
      Sleeper.SYSTEM.sleep(Duration.ofDays(1));
    };
    CountDownLatch ended = new CountDownLatch(1);
    OkHttpClient users = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void callFailed(Call call, IOException ioe) {
        ended.countDown();
      }

      @Override
      public void callEnd(Call call) {
        ended.countDown();
      }
    }).build();
    TriggerRuns client = newClient(server.baseUrl(), time).okHttpClient(users).sleeper(blocking).build();

    TestObserver<Page<Run>> observer = client.runs().listAsync(RunFilter.allTime(), PageRequest.defaults()).test();
    assertThat(waiting.await(30, TimeUnit.SECONDS)).as("the call started waiting").isTrue();
    observer.dispose();

    assertThat(ended.await(30, TimeUnit.SECONDS)).as("the call ended without finishing its wait").isTrue();
    assertThat(runRequestCount(server)).isEqualTo(1);
    observer.assertNoValues();
  }
}
