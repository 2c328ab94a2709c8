package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.livePage;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequestCount;
import static io.github.triggerruns.TestClients.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 429 waits until the budget refills (x-ratelimit-reset, or Retry-After), or fails at once if too far. */
class RateLimitRetryTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();

  private static ResponseDefinitionBuilder tooManyRequests() {
    return aResponse().withStatus(429).withHeader("Content-Type", "application/problem+json")
        .withBody("{\"title\":\"Rate Limit Exceeded\",\"status\":429,\"limit\":750,\"remaining\":-1}");
  }

  private ResponseDefinitionBuilder tooManyRequestsUntil(long resetMillis) {
    return tooManyRequests().withHeader("x-ratelimit-limit", "750").withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", Long.toString(resetMillis));
  }

  @Test
  void waitsUntilTheResetPlusJitterThenSucceeds() {
    stubSequence(server, tooManyRequestsUntil(time.nowMillis() + 3_000), livePage());

    Page<Run> page = listOnce(newClient(server.baseUrl(), time).build());

    assertThat(page.getData()).hasSize(18);
    assertThat(runRequestCount(server)).isEqualTo(2);
    assertThat(time.waitMillis()).singleElement()
        .satisfies(wait -> assertThat(wait).isGreaterThanOrEqualTo(3_000L).isLessThan(4_000L));
  }

  @Test
  void jitterOnTopOfTheResetIsUnderOneSecond() {
    stubSequence(server, tooManyRequestsUntil(time.nowMillis() + 3_000), livePage());

    listOnce(newClient(server.baseUrl(), time).random(() -> 0.999).build());

    assertThat(time.waitMillis()).containsExactly(3_999L);
  }

  @Test
  void noJitterWaitsExactlyUntilTheReset() {
    stubSequence(server, tooManyRequestsUntil(time.nowMillis() + 3_000), livePage());

    listOnce(newClient(server.baseUrl(), time).random(() -> 0.0).build());

    assertThat(time.waitMillis()).containsExactly(3_000L);
  }

  @Test
  void retryAfterSecondsIsHonoured() {
    stubSequence(server, tooManyRequests().withHeader("Retry-After", "2"), livePage());

    listOnce(newClient(server.baseUrl(), time).build());

    assertThat(time.waits()).containsExactly(Duration.ofSeconds(2));
    assertThat(runRequestCount(server)).isEqualTo(2);
  }

  @Test
  void resetBeyondMaxRetryDelayFailsAtOnce() {
    long reset = time.nowMillis() + 60_000;
    stubSequence(server, tooManyRequestsUntil(reset), livePage());

    RateLimitException e = catchThrowableOfType(RateLimitException.class,
        () -> listOnce(newClient(server.baseUrl(), time).maxRetryDelay(Duration.ofSeconds(30)).build()));

    assertThat(e.getResetAt()).isEqualTo(Instant.ofEpochMilli(reset));
    assertThat(runRequestCount(server)).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void raisingMaxRetryDelayWaitsForAFarReset() {
    stubSequence(server, tooManyRequestsUntil(time.nowMillis() + 60_000), livePage());

    listOnce(newClient(server.baseUrl(), time).maxRetryDelay(Duration.ofMinutes(2)).random(() -> 0.0).build());

    assertThat(time.waitMillis()).containsExactly(60_000L);
  }

  @Test
  void a429WithoutHintsBacksOff() {
    stubSequence(server, tooManyRequests(), livePage());

    listOnce(newClient(server.baseUrl(), time).random(() -> 0.0).build());

    assertThat(time.waitMillis()).containsExactly(250L);
  }
}
