package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.SECRET_KEY;
import static io.github.triggerruns.TestClients.emptyPage;
import static io.github.triggerruns.TestClients.json;
import static io.github.triggerruns.TestClients.listOnce;
import static io.github.triggerruns.TestClients.newClient;
import static io.github.triggerruns.TestClients.runRequests;
import static io.github.triggerruns.TestClients.stubRuns;
import static io.github.triggerruns.TestClients.stubSequence;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every request carries the key, the API version, the User-Agent and one idempotency key per logical call. */
class RequestHeadersTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Test
  void sendsKeyApiVersionAndUserAgent() {
    stubRuns(server, emptyPage());

    listOnce(newClient(server.baseUrl()).build());

    List<LoggedRequest> requests = runRequests(server);
    assertThat(requests).hasSize(1);
    LoggedRequest request = requests.get(0);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
    assertThat(request.getHeader("x-trigger-api-version")).isEqualTo("2025-07-16");
    assertThat(request.getHeader("User-Agent")).startsWith("trigger-runs-java/")
        .hasSizeGreaterThan("trigger-runs-java/".length())
        .doesNotContain("${");
    assertThat(request.getHeader("x-trigger-request-idempotency-key")).matches(UUID_PATTERN);
  }

  @Test
  void idempotencyKeyIsReusedAcrossRetriesAndNewForEachCall() {
    stubSequence(server, json(503, TestClients.INTERNAL_500), json(502, TestClients.INTERNAL_500), emptyPage());
    TriggerRuns client = newClient(server.baseUrl()).build();

    listOnce(client); // 503, 502, 200: three attempts of one call
    listOnce(client); // 200: a second call

    List<String> keys = runRequests(server).stream()
        .map(r -> r.getHeader("x-trigger-request-idempotency-key"))
        .toList();
    assertThat(keys).hasSize(4).allSatisfy(key -> assertThat(UUID.fromString(key).toString()).isEqualTo(key));
    assertThat(keys.get(1)).isEqualTo(keys.get(0));
    assertThat(keys.get(2)).isEqualTo(keys.get(0));
    assertThat(keys.get(3)).isNotEqualTo(keys.get(0));
  }

  @Test
  void retriesCarryTheSameHeadersAsTheFirstAttempt() {
    stubSequence(server, json(500, TestClients.INTERNAL_500), emptyPage());

    listOnce(newClient(server.baseUrl()).build());

    List<LoggedRequest> requests = runRequests(server);
    assertThat(requests).hasSize(2).allSatisfy(request -> {
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
      assertThat(request.getHeader("x-trigger-api-version")).isEqualTo("2025-07-16");
    });
    assertThat(requests.get(1).getUrl()).isEqualTo(requests.get(0).getUrl());
  }
}
