package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.livePage;
import static io.github.triggerruns.TestClients.livePageBody;
import static io.github.triggerruns.TestClients.livePageRunIds;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.stubRuns;
import static io.github.triggerruns.TestClients.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slow answer times out as a connection error, and is retried like one. These use real but short timeouts
 * against WireMock delays; the waits between attempts are still fake.
 */
class TimeoutTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final int SLOW_MILLIS = 1_000;

  private final FakeTime time = new FakeTime();
  private final AtomicInteger attempts = new AtomicInteger();
  // Counts attempts on the client side: WireMock journals a delayed request only once it has answered.
  private final OkHttpClient counting = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
    attempts.incrementAndGet();
    return chain.proceed(chain.request());
  }).build();

  private TriggerRuns.Builder client() {
    return newClient(server.baseUrl(), time).okHttpClient(counting);
  }

  @Test
  void readTimeoutWithoutRetriesFailsQuickly() {
    stubRuns(server, emptyPage().withFixedDelay(SLOW_MILLIS));
    TriggerRuns client = client().readTimeout(Duration.ofMillis(200)).maxRetries(0).build();

    long start = System.nanoTime();
    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
    assertThat(elapsedMillis).isLessThan(SLOW_MILLIS - 100);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void slowFirstAnswerIsRetried() {
    stubSequence(server, emptyPage().withFixedDelay(SLOW_MILLIS), livePage());
    TriggerRuns client = client().readTimeout(Duration.ofMillis(200)).build();

    Page<Run> page = listOnce(client);

    assertThat(page.getData()).extracting(Run::getId).containsExactlyElementsOf(livePageRunIds());
    assertThat(attempts).hasValue(2);
    assertThat(time.waits()).hasSize(1);
  }

  @Test
  void callTimeoutBoundsAllAttempts() {
    stubRuns(server, emptyPage().withFixedDelay(SLOW_MILLIS));
    TriggerRuns client = client().readTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofMillis(300)).build();

    long start = System.nanoTime();
    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(e).isNotNull();
    assertThat(elapsedMillis).isLessThan(SLOW_MILLIS - 100);
    assertThat(attempts).as("a call that timed out as a whole is not retried").hasValue(1);
  }

  @Test
  void callTimeoutCutsOffABodyThatArrivesTooSlowly() {
    // The answer's head comes at once; its body takes three seconds.
    stubRuns(server, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(livePageBody()).withChunkedDribbleDelay(30, 3 * SLOW_MILLIS));
    TriggerRuns client = client().readTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofMillis(500)).build();

    long start = System.nanoTime();
    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(e).hasMessageContaining("callTimeout of 500 ms");
    assertThat(elapsedMillis).isLessThan(SLOW_MILLIS);
    assertThat(attempts).as("a call that ran out of time reading its body is not fetched again").hasValue(1);
    assertThat(time.waits()).isEmpty();
  }
}
