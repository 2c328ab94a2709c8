package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.triggerruns.TestClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** retrieve, cancel, replay and reschedule: what is sent, what is read, and which failures are retried. */
class RunActionsTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String DETAILS_PATH = "/api/v3/runs/run_child1";
  private static final String REPLAY_PATH = "/api/v1/runs/run_child1/replay";
  private final FakeTime time = new FakeTime();
  private final TriggerRuns client = TestClients.newClient(server.baseUrl(), time).build();

  @Test
  void retrieveReadsEveryPartOfTheDetails() {
    server.stubFor(get(urlPathEqualTo(DETAILS_PATH)).willReturn(json(200, details())));

    RunDetails run = client.runs().retrieve("run_child1");

    assertThat(run.getId()).isEqualTo("run_child1");
    assertThat(run.getStatus()).isSameAs(RunStatus.FAILED);
    assertThat(run.getTaskIdentifier()).isEqualTo("send-email");
    assertThat(run.getCreatedAt()).isEqualTo(Instant.parse("2025-07-20T10:00:00Z"));
    assertThat(run.getFinishedAt()).isEqualTo(Instant.parse("2025-07-20T10:00:05Z"));
    assertThat(run.getTtlDuration()).isEqualTo(Duration.ofMinutes(102));
    assertThat(run.getTags()).containsExactly("org acme", "user_1");
    assertThat(run.getDurationMs()).isEqualTo(491L);
    assertThat(run.getTriggerFunction()).isEqualTo("triggerAndWait");
    assertThat(run.getMetadata().getAsJsonObject().get("step").getAsString()).isEqualTo("render");
    assertThat(run.getPayload().getAsJsonObject().get("n").getAsBigInteger())
        .isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(run.getPayloadPresignedUrl()).isNull();
    assertThat(run.getOutput()).isNull();
    assertThat(run.getOutputPresignedUrl()).startsWith("https://r2.example/");
    assertThat(run.getError().getMessage()).isEqualTo("SMTP refused");
    assertThat(run.getError().getName()).isEqualTo("Error");
    assertThat(run.getError().getStackTrace()).contains("src/email.ts");
    assertThat(run.getAttemptCount()).isEqualTo(3);
    assertThat(run.getSchedule().getId()).isEqualTo("sched_1234");
    assertThat(run.getSchedule().getExpression()).isEqualTo("0 0 * * *");
    assertThat(run.getSchedule().getGeneratorType()).isEqualTo("CRON");
    assertThat(run.getParentRun().getId()).isEqualTo("run_root1");
    assertThat(run.getRootRun().getStatus()).isSameAs(RunStatus.EXECUTING);
    assertThat(run.getRootRun().getPayload()).isNull();
    RunDetails child = run.getChildRuns().get(0);
    assertThat(child.getStatus().getValue()).isEqualTo("QUANTUM_SUPERPOSITION");
    assertThat(child.getStatus().isKnown()).isFalse();
    assertThat(child.getAdditionalField("someFieldFromTheFuture").toString()).isEqualTo("{\"nested\":[1,2,3]}");
    assertThat(run.getAdditionalField("isSuccess").getAsBoolean()).isFalse();
    assertThat(run.getAdditionalFields()).doesNotContainKeys("id", "status", "payload", "relatedRuns");
    assertThat(requests(DETAILS_PATH).get(0).getHeader("Authorization")).isEqualTo("Bearer " + TestClients.SECRET_KEY);
  }

  @Test
  void retrieveRetriesTheNotFoundTheServerSaysToRetry() {
    TestClients.stubSequence(server, () -> get(urlPathEqualTo(DETAILS_PATH)), notFoundRetry(), notFoundRetry(),
        json(200, details()));

    RunDetails run = client.runs().retrieveAsync("run_child1").blockingGet();

    assertThat(run.getId()).isEqualTo("run_child1");
    assertThat(requests(DETAILS_PATH)).hasSize(3);
    assertThat(time.waits()).hasSize(2);
  }

  @Test
  void retrieveOfAnUnknownRunIsNotFoundAfterTheRetries() {
    server.stubFor(get(urlPathEqualTo("/api/v3/runs/run_nope")).willReturn(notFoundRetry()));

    assertThatThrownBy(() -> client.runs().retrieve("run_nope")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("run_nope");
    assertThat(requests("/api/v3/runs/run_nope")).hasSize(5);
  }

  @Test
  void aMalformedRunIdIsRefusedBeforeAnyRequest() {
    for (String bad : new String[] {"", "run_", "run_a/../b", "batch_123", "run_a b", "run_x?y"}) {
      assertThatThrownBy(() -> client.runs().retrieve(bad)).as(bad).isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("run_");
      assertThatThrownBy(() -> client.runs().replayAsync(bad)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> client.runs().cancel(bad)).isInstanceOf(InvalidRequestException.class);
    }
    assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void cancelPostsOnceAndANotFoundIsTyped() {
    server.stubFor(post(urlPathEqualTo("/api/v2/runs/run_child1/cancel")).willReturn(json(200, "{\"id\":\"run_child1\"}")));
    server.stubFor(post(urlPathEqualTo("/api/v2/runs/run_gone/cancel"))
        .willReturn(json(404, "{\"error\":\"Resource not found\"}")));

    client.runs().cancel("run_child1");
    client.runs().cancelAsync("run_child1").blockingAwait();

    assertThat(requests("/api/v2/runs/run_child1/cancel")).hasSize(2);
    assertThatThrownBy(() -> client.runs().cancel("run_gone")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Resource not found").hasMessageContaining("/api/v2/runs/run_gone/cancel")
        .hasMessageContaining("Check the id");
    assertThat(requests("/api/v2/runs/run_gone/cancel")).hasSize(1);
  }

  @Test
  void aCancelFailingWith5xxIsRetriedBecauseCancelIsIdempotent() {
    TestClients.stubSequence(server, () -> post(urlPathEqualTo("/api/v2/runs/run_child1/cancel")),
        json(500, TestClients.INTERNAL_500), json(200, "{\"id\":\"run_child1\"}"));

    client.runs().cancel("run_child1");

    assertThat(requests("/api/v2/runs/run_child1/cancel")).hasSize(2);
  }

  @Test
  void replayReturnsTheNewRunsIdAndSendsNothingUntilSubscribed() {
    server.stubFor(post(urlPathEqualTo(REPLAY_PATH)).willReturn(json(200, "{\"id\":\"run_new1\"}")));

    io.reactivex.rxjava3.core.Single<String> replay = client.runs().replayAsync("run_child1");
    assertThat(requests(REPLAY_PATH)).isEmpty();

    assertThat(replay.blockingGet()).isEqualTo("run_new1");
    assertThat(client.runs().replay("run_child1")).isEqualTo("run_new1");
    assertThat(requests(REPLAY_PATH)).hasSize(2);
  }

  @Test
  void aReplayThatFailedAfterTheServerProcessedItIsNotSentAgain() {
    server.stubFor(post(urlPathEqualTo(REPLAY_PATH)).willReturn(json(500, TestClients.INTERNAL_500)));
    assertThatThrownBy(() -> client.runs().replay("run_child1")).isInstanceOf(ServerException.class);
    assertThat(requests(REPLAY_PATH)).hasSize(1);

    server.resetAll();
    server.stubFor(post(urlPathEqualTo(REPLAY_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> client.runs().replay("run_child1")).isInstanceOf(ApiConnectionException.class);
    assertThat(requests(REPLAY_PATH)).hasSize(1);

    server.resetAll();
    server.stubFor(post(urlPathEqualTo(REPLAY_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    assertThatThrownBy(() -> client.runs().replay("run_child1")).isInstanceOf(ApiConnectionException.class);
    assertThat(requests(REPLAY_PATH)).hasSize(1);
    assertThat(time.waits()).isEmpty();
  }

  @Test
  void aReplayTheServerDidNotProcessIsSentAgain() {
    TestClients.stubSequence(server, () -> post(urlPathEqualTo(REPLAY_PATH)),
        json(429, "{\"error\":\"Rate limit exceeded\"}").withHeader("x-ratelimit-reset",
            Long.toString(time.nowMillis() + 1000)),
        json(503, "{\"error\":\"Try again\"}").withHeader("x-should-retry", "true"),
        json(200, "{\"id\":\"run_new1\"}"));

    assertThat(client.runs().replay("run_child1")).isEqualTo("run_new1");

    assertThat(requests(REPLAY_PATH)).hasSize(3);
  }

  @Test
  void aReplayThatCouldNotConnectIsRetried() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    TriggerRuns unreachable = TestClients.newClient("http://127.0.0.1:" + closedPort, time).maxRetries(2).build();

    assertThatThrownBy(() -> unreachable.runs().replay("run_child1")).isInstanceOf(ApiConnectionException.class);

    assertThat(time.waits()).hasSize(2);
  }

  @Test
  void rescheduleSendsTheDelayTheServerReadsAndReturnsTheDetails() {
    server.stubFor(post(urlPathEqualTo("/api/v1/runs/run_child1/reschedule")).willReturn(json(200, details())));

    RunDetails after = client.runs().reschedule("run_child1", Duration.ofMinutes(90));
    client.runs().rescheduleAsync("run_child1", FakeTime.START.plusSeconds(3600)).blockingGet();

    List<LoggedRequest> sent = requests("/api/v1/runs/run_child1/reschedule");
    assertThat(after.getId()).isEqualTo("run_child1");
    assertThat(JsonParser.parseString(sent.get(0).getBodyAsString()))
        .isEqualTo(JsonParser.parseString("{\"delay\":\"5400s\"}"));
    assertThat(JsonParser.parseString(sent.get(1).getBodyAsString()))
        .isEqualTo(JsonParser.parseString("{\"delay\":\"2025-07-20T11:00:00Z\"}"));
  }

  @Test
  void rescheduleRefusesWhatTheServerWouldAndSurfacesItsMessage() {
    server.stubFor(post(urlPathEqualTo("/api/v1/runs/run_child1/reschedule"))
        .withRequestBody(equalToJson("{\"delay\":\"60s\"}"))
        .willReturn(json(400, "{\"error\":\"Cannot reschedule a run that is not delayed\"}")));

    assertThatThrownBy(() -> client.runs().reschedule("run_child1", Duration.ofMinutes(1)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Cannot reschedule a run that is not delayed")
        .hasMessageStartingWith("The API rejected the request (400)");
    assertThatThrownBy(() -> client.runs().reschedule("run_child1", Duration.ofMillis(1500)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> client.runs().reschedule("run_child1", Duration.ZERO))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> client.runs().reschedule("run_child1", FakeTime.START.minusSeconds(1)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("future");
    assertThat(requests("/api/v1/runs/run_child1/reschedule")).hasSize(1);
  }

  private static ResponseDefinitionBuilder notFoundRetry() {
    return json(404, "{\"error\":\"Not found\"}").withHeader("x-should-retry", "true");
  }

  private static List<LoggedRequest> requests(String path) {
    return server.findAll(anyRequestedFor(urlPathEqualTo(path)));
  }

  static String details() {
    try (InputStream in = RunActionsTest.class.getResourceAsStream("/run-details.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
