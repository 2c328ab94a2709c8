package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.INTERNAL_500;
import static io.github.triggerruns.TestClients.json;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.stubRuns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waits between attempts grow exponentially with jitter: attempt n (0-based) waits between 250·2^n and
 * 500·2^n ms, never more than maxRetryDelay. Measured with the fake sleeper: nothing really sleeps.
 */
class BackoffTimingTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private List<Long> waitsAfterFiveFailures(DoubleSupplier random, Duration maxRetryDelay) {
    stubRuns(server, json(500, INTERNAL_500));
    FakeTime time = new FakeTime();
    TriggerRuns client = newClient(server.baseUrl(), time).maxRetries(4).maxRetryDelay(maxRetryDelay)
        .random(random).build();
    assertThatThrownBy(() -> listOnce(client)).isInstanceOf(ServerException.class);
    return time.waitMillis();
  }

  @Test
  void lowestJitterWaitsTheLowerBound() {
    List<Long> waits = waitsAfterFiveFailures(() -> 0.0, Duration.ofSeconds(30));

    assertThat(waits).containsExactly(250L, 500L, 1_000L, 2_000L);
  }

  @Test
  void highestJitterStaysJustBelowTheUpperBound() {
    List<Long> waits = waitsAfterFiveFailures(() -> 0.999, Duration.ofSeconds(30));

    assertThat(waits).hasSize(4);
    for (int n = 0; n < waits.size(); n++) {
      long upper = 500L << n;
      assertThat(waits.get(n)).as("wait %d", n).isBetween(upper * 99 / 100, upper);
    }
  }

  @Test
  void waitsStayWithinTheJitterBandForAnyRandom() {
    double[] randoms = {0.0, 0.13, 0.5, 0.77, 0.999};
    for (double r : randoms) {
      server.resetAll();
      List<Long> waits = waitsAfterFiveFailures(() -> r, Duration.ofSeconds(30));
      assertThat(waits).as("random %s", r).hasSize(4);
      for (int n = 0; n < waits.size(); n++) {
        assertThat(waits.get(n)).as("random %s, wait %d", r, n).isBetween(250L << n, 500L << n);
      }
      for (int n = 1; n < waits.size(); n++) {
        assertThat(waits.get(n)).as("random %s: waits grow", r).isGreaterThan(waits.get(n - 1));
      }
    }
  }

  @Test
  void maxRetryDelayCapsEveryWait() {
    List<Long> waits = waitsAfterFiveFailures(() -> 0.999, Duration.ofMillis(1_500));

    assertThat(waits).hasSize(4).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(1_500L));
    assertThat(waits.get(0)).isBetween(250L, 500L);
    assertThat(waits.get(1)).isBetween(500L, 1_000L);
    // 2000 and 4000 are capped to 1500 before jitter: between half of it and all of it.
    assertThat(waits.subList(2, 4)).allSatisfy(wait -> assertThat(wait).isBetween(750L, 1_500L));
  }

  @Test
  void connectionErrorsBackOffTheSameWay() {
    stubRuns(server, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    FakeTime time = new FakeTime();
    TriggerRuns client = newClient(server.baseUrl(), time).maxRetries(3).random(() -> 0.0).build();

    assertThatThrownBy(() -> listOnce(client)).isInstanceOf(ApiConnectionException.class);
    assertThat(time.waitMillis()).containsExactly(250L, 500L, 1_000L);
  }
}
