package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.livePage;
import static io.github.triggerruns.TestClients.livePageBody;
import static io.github.triggerruns.TestClients.livePageRunIds;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequestCount;
import static io.github.triggerruns.TestClients.runRequests;
import static io.github.triggerruns.TestClients.stubRuns;
import static io.github.triggerruns.TestClients.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 200 whose body is cut off mid-way is a transient failure: retried, and the page comes back whole. */
class TruncatedBodyRetryTest {
  // Without gzip: WireMock would compress the body and drop the announced Content-Length, hiding the cut.
  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().gzipDisabled(true)).build();

  private final FakeTime time = new FakeTime();

  /** The first half of the live page, announced with the full page's length. */
  private static ResponseDefinitionBuilder cutOffPage() {
    byte[] full = livePageBody().getBytes(StandardCharsets.UTF_8);
    String half = livePageBody().substring(0, livePageBody().length() / 2);
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withHeader("Content-Length", Integer.toString(full.length)).withBody(half);
  }

  @Test
  void bodyShorterThanItsContentLengthIsRetried() {
    stubSequence(server, cutOffPage(), livePage());

    Page<Run> page = listOnce(newClient(server.baseUrl(), time).build());

    assertThat(page.getData()).extracting(Run::getId).containsExactlyElementsOf(livePageRunIds());
    assertThat(page.getNextCursor()).isEqualTo("eyJjIjoxNzIxNDY5NjAwMDAwLCJyIjoicnVuX2Z1dHVyZSJ9");
    assertThat(runRequestCount(server)).isEqualTo(2);
    assertThat(time.waits()).hasSize(1);
  }

  @Test
  void aPageFetchedAgainAfterACutOffKeepsItsIdempotencyKey() {
    stubSequence(server, cutOffPage(), livePage());
    TriggerRuns client = newClient(server.baseUrl(), time).build();

    listOnce(client);
    listOnce(client);

    List<String> keys = runRequests(server).stream()
        .map(request -> request.getHeader("x-trigger-request-idempotency-key")).collect(Collectors.toList());
    assertThat(keys).hasSize(3).doesNotContainNull();
    assertThat(keys.get(1)).isEqualTo(keys.get(0));
    assertThat(keys.get(2)).isNotEqualTo(keys.get(0));
  }

  @Test
  void malformedChunkIsRetried() {
    stubSequence(server, aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), livePage());

    Page<Run> page = listOnce(newClient(server.baseUrl(), time).build());

    assertThat(page.getData()).extracting(Run::getId).containsExactlyElementsOf(livePageRunIds());
    assertThat(runRequestCount(server)).isEqualTo(2);
  }

  @Test
  void bodyCutOffEveryTimeIsAConnectionErrorNotADecodingError() {
    stubRuns(server, cutOffPage());

    assertThatThrownBy(() -> listOnce(newClient(server.baseUrl(), time).maxRetries(1).build()))
        .isInstanceOf(ApiConnectionException.class);
    assertThat(runRequestCount(server)).isEqualTo(2);
  }
}
