package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.BAD_STATUS_400;
import static io.github.triggerruns.TestClients.INTERNAL_500;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.json;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequestCount;
import static io.github.triggerruns.TestClients.stubRuns;
import static io.github.triggerruns.TestClients.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which answers are retried, how often, and the server's x-should-retry override. */
class RetryDecisionTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 408, 409})
  void transientStatusIsRetriedUntilSuccess(int status) {
    stubSequence(server, json(status, INTERNAL_500), json(status, INTERNAL_500), emptyPage());

    Page<Run> page = listOnce(newClient(server.baseUrl(), time).build());

    assertThat(page.getData()).isEmpty();
    assertThat(runRequestCount(server)).isEqualTo(3);
    assertThat(time.waits()).hasSize(2);
  }

  @Test
  void mixedTransientFailuresThenSuccess() {
    stubSequence(server, json(500, INTERNAL_500), json(502, INTERNAL_500), json(503, INTERNAL_500),
        json(408, "{}"), json(409, "{}"), emptyPage());

    listOnce(newClient(server.baseUrl(), time).maxRetries(5).build());

    assertThat(runRequestCount(server)).isEqualTo(6);
    assertThat(time.waits()).hasSize(5);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404})
  void clientErrorIsNeverRetried(int status) {
    stubSequence(server, json(status, "{\"error\":\"no\"}"), emptyPage());

    assertThatThrownBy(() -> listOnce(newClient(server.baseUrl(), time).build()))
        .isInstanceOf(TriggerApiException.class)
        .satisfies(e -> assertThat(((TriggerApiException) e).getStatusCode()).isEqualTo(status));
    assertThat(runRequestCount(server)).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void shouldRetryFalseStopsRetryingA503() {
    stubSequence(server, json(503, INTERNAL_500).withHeader("x-should-retry", "false"), emptyPage());

    assertThatThrownBy(() -> listOnce(newClient(server.baseUrl(), time).build()))
        .isInstanceOf(ServerException.class);
    assertThat(runRequestCount(server)).isEqualTo(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void shouldRetryTrueRetriesA400() {
    stubSequence(server, json(400, BAD_STATUS_400).withHeader("x-should-retry", "true"), emptyPage());

    Page<Run> page = listOnce(newClient(server.baseUrl(), time).build());

    assertThat(page.getData()).isEmpty();
    assertThat(runRequestCount(server)).isEqualTo(2);
    assertThat(time.waits()).hasSize(1);
  }

  @Test
  void maxRetriesIsRespected() {
    stubRuns(server, json(500, INTERNAL_500));

    assertThatThrownBy(() -> listOnce(newClient(server.baseUrl(), time).maxRetries(2).build()))
        .isInstanceOf(ServerException.class);
    assertThat(runRequestCount(server)).isEqualTo(3);
    assertThat(time.waits()).hasSize(2);
  }

  @Test
  void zeroRetriesMeansOneAttempt() {
    stubSequence(server, json(503, INTERNAL_500), emptyPage());

    assertThatThrownBy(() -> listOnce(newClient(server.baseUrl(), time).maxRetries(0).build()))
        .isInstanceOf(ServerException.class);
    assertThat(runRequestCount(server)).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 500, 503})
  void zeroRetriesMeansOneAttemptForEveryRetryableStatus(int status) {
    // OkHttp on its own replays a 408 once, unless told not to: retries are this client's decision only.
    stubSequence(server, json(status, "{}"), emptyPage());

    assertThatThrownBy(() -> listOnce(newClient(server.baseUrl(), time).maxRetries(0).build()))
        .isInstanceOf(status == 408 ? RequestTimeoutException.class : ServerException.class);
    assertThat(runRequestCount(server)).isEqualTo(1);
  }

  @Test
  void shouldRetryFalseStopsA408Too() {
    stubSequence(server, json(408, "{}").withHeader("x-should-retry", "false"), emptyPage());

    assertThatThrownBy(() -> listOnce(newClient(server.baseUrl(), time).build()))
        .isInstanceOf(RequestTimeoutException.class);
    assertThat(runRequestCount(server)).isEqualTo(1);
  }

  @Test
  void everyRetryIsBackedOff() {
    stubSequence(server, json(408, "{}"), json(408, "{}"), json(408, "{}"), emptyPage());

    listOnce(newClient(server.baseUrl(), time).random(() -> 0.0).build());

    assertThat(runRequestCount(server)).isEqualTo(4);
    assertThat(time.waitMillis()).containsExactly(250L, 500L, 1_000L);
  }

  @Test
  void defaultIsFourRetries() {
    stubRuns(server, json(503, INTERNAL_500));

    assertThatThrownBy(() -> listOnce(newClient(server.baseUrl(), time).build()))
        .isInstanceOf(ServerException.class);
    assertThat(runRequestCount(server)).isEqualTo(5);
  }

  @Test
  void negativeMaxRetriesIsRejected() {
    assertThatThrownBy(() -> newClient(server.baseUrl(), time).maxRetries(-1))
        .isInstanceOf(InvalidRequestException.class);
  }
}
