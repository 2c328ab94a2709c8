package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.RUNS_PATH;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.livePage;
import static io.github.triggerruns.TestClients.livePageBody;
import static io.github.triggerruns.TestClients.livePageRunIds;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.stubRuns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OkHttp's timeouts, as the client configures them: a read timeout is a connection error and is retried; the
 * call timeout ends the call, its body included, and is not. Real but short timeouts run against answers
 * that WireMock delays far longer, so each test's outcome (the error, the attempts made) shows which timeout
 * fired without measuring how long anything took; the waits between attempts are fake.
 */
class TimeoutTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** Long enough that a call waiting for it would succeed, not time out: the tests never wait for it. */
  private static final int SLOW_MILLIS = 20_000;

  private final FakeTime time = new FakeTime();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger heads = new AtomicInteger();
  // Counts attempts and the answers' heads on the client side (WireMock journals a delayed request only once
  // it has answered), and marks the first attempt so that WireMock answers it slowly whatever the timing.
  private final OkHttpClient counting = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
    okhttp3.Response head = chain.proceed(chain.request().newBuilder()
        .header("x-test-attempt", Integer.toString(attempts.incrementAndGet())).build());
    heads.incrementAndGet();
    return head;
  }).build();

  private TriggerRuns.Builder client() {
    return newClient(server.baseUrl(), time).okHttpClient(counting);
  }

  @Test
  void readTimeoutIsAConnectionError() {
    stubRuns(server, emptyPage().withFixedDelay(SLOW_MILLIS));
    TriggerRuns client = client().readTimeout(Duration.ofMillis(200)).maxRetries(0).build();

    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));

    assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
    assertThat(e.getMessage()).doesNotContain("callTimeout");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void slowFirstAnswerIsRetried() {
    server.stubFor(get(urlPathEqualTo(RUNS_PATH)).withHeader("x-test-attempt", WireMock.equalTo("1"))
        .willReturn(emptyPage().withFixedDelay(SLOW_MILLIS)));
    server.stubFor(get(urlPathEqualTo(RUNS_PATH)).withHeader("x-test-attempt", WireMock.notMatching("1"))
        .willReturn(livePage()));
    server.stubFor(get(urlPathEqualTo(RUNS_PATH)).withHeader("x-test-attempt", absent()).willReturn(livePage()));
    TriggerRuns client = client().readTimeout(Duration.ofMillis(200)).build();

    Page<Run> page = listOnce(client);

    assertThat(page.getData()).extracting(Run::getId).containsExactlyElementsOf(livePageRunIds());
    assertThat(attempts).hasValue(2);
    assertThat(time.waits()).hasSize(1);
  }

  @Test
  void callTimeoutEndsTheCallWithoutAnotherAttempt() {
    stubRuns(server, emptyPage().withFixedDelay(SLOW_MILLIS));
    TriggerRuns client = client().readTimeout(Duration.ofMinutes(1)).callTimeout(Duration.ofSeconds(1)).build();

    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));

    assertThat(e).hasMessageContaining("timed out").hasMessageContaining("callTimeout of 1000 ms");
    // Every retry waits first (the fake sleeper records it), so no wait means no retry.
    assertThat(time.waits()).as("a call that timed out as a whole is not retried").isEmpty();
    assertThat(attempts.get()).isLessThanOrEqualTo(1);
  }

  @Test
  void callTimeoutCutsOffABodyThatArrivesTooSlowly() {
    // The answer's head comes at once; its body takes twenty seconds.
    stubRuns(server, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(livePageBody()).withChunkedDribbleDelay(50, SLOW_MILLIS));
    TriggerRuns client = client().readTimeout(Duration.ofMinutes(1)).callTimeout(Duration.ofSeconds(2)).build();

    ApiConnectionException e = catchThrowableOfType(ApiConnectionException.class, () -> listOnce(client));

    assertThat(e).hasMessageContaining("timed out").hasMessageContaining("callTimeout of 2000 ms");
    assertThat(heads).as("the head had arrived: the timeout cut off the body").hasValue(1);
    assertThat(attempts).as("a call that ran out of time reading its body is not fetched again").hasValue(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void timeoutsOkHttpCannotTakeAreRefusedBeforeAnyRequest() {
    for (Duration unusable : new Duration[] {Duration.ofNanos(500_000), Duration.ofDays(25), Duration.ZERO}) {
      assertThatThrownBy(() -> client().callTimeout(unusable)).isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("callTimeout");
      assertThatThrownBy(() -> client().readTimeout(unusable)).isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("readTimeout");
      assertThatThrownBy(() -> client().connectTimeout(unusable)).isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("connectTimeout");
    }
    stubRuns(server, emptyPage());
    assertThat(listOnce(client().callTimeout(Duration.ofDays(24)).build())
        .getData()).isEmpty();
  }
}
