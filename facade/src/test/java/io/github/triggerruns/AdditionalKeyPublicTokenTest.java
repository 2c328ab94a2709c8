package io.github.triggerruns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Minting public access tokens with an additional API key ({@code tr_<env>_sk_...}): the server mints them
 * ({@code POST /api/v1/auth/public-tokens}), as the official SDK has it do, since it verifies tokens with
 * the root key only.
 */
class AdditionalKeyPublicTokenTest {
  private static final String ROOT_KEY = "tr_dev_abcdefghijklmnopqrstuvwx";
  // An additional key that may read and cancel run_1 only.
  private static final String RUN_1_KEY = "tr_dev_sk_Run1OnlyAdditionalKey000";

  @RegisterExtension
  static WireMockExtension stub = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeTime time = new FakeTime();
  private final MutableClock serverClock = MutableClock.at(FakeTime.START);
  private final List<String> log = new CopyOnWriteArrayList<>();
  private FakeTriggerServer server;
  private TriggerRuns backend;

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(0).secretKey(ROOT_KEY).clock(serverClock)
        .additionalApiKey(RUN_1_KEY, "read:runs:run_1", "write:runs:run_1")
        .realtimeHold(Duration.ofMinutes(5)).build().start();
    server.addRun(FakeRun.builder().id("run_1").status("EXECUTING").taskIdentifier("email")
        .createdAt(FakeTime.START).updatedAt(FakeTime.START).build());
    server.addRun(FakeRun.builder().id("run_2").status("EXECUTING").taskIdentifier("email")
        .createdAt(FakeTime.START).updatedAt(FakeTime.START).build());
    backend = backend(server.baseUrl(), RUN_1_KEY);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private TriggerRuns backend(String baseUrl, String key) {
    return TestClients.newClient(baseUrl, time).secretKey(key)
        .httpLogging(HttpLoggingInterceptor.Level.BODY, log::add).build();
  }

  private static JsonObject payloadOf(String token) {
    return JsonParser.parseString(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        StandardCharsets.UTF_8)).getAsJsonObject();
  }

  private static boolean signedWith(String token, String key) throws Exception {
    String signingInput = token.substring(0, token.lastIndexOf('.'));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    return token.endsWith("." + signature);
  }

  @Test
  void theServerMintsTheTokenAndAnAppReadsWithinItsScopes() throws Exception {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1").build());

    // One request, to the minting route; no claims fetched, nothing signed here: the root key signed it.
    assertThat(log).filteredOn(line -> line.startsWith("--> POST")).containsExactly(
        "--> POST " + server.baseUrl() + "/api/v1/auth/public-tokens");
    assertThat(log).contains("{\"scopes\":[\"read:runs:run_1\"],\"expirationTime\":\"900s\"}");
    assertThat(signedWith(token, ROOT_KEY)).isTrue();
    assertThat(signedWith(token, RUN_1_KEY)).isFalse();
    JsonObject payload = payloadOf(token);
    assertThat(payload.get("sub").getAsString()).isEqualTo(server.environmentId());
    assertThat(payload.get("exp").getAsLong()).isEqualTo(FakeTime.START.getEpochSecond() + 900);

    TriggerRuns app = TriggerRuns.builder().publicAccessToken(token).baseUrl(server.baseUrl())
        .httpLogging(HttpLoggingInterceptor.Level.BODY, log::add).build();
    assertThat(app.runs().subscribeToRun("run_1").blockingFirst().getStatus()).isEqualTo(RunStatus.EXECUTING);
    assertThat(app.runs().retrieve("run_1").getId()).isEqualTo("run_1");
    assertThatThrownBy(() -> app.runs().subscribeToRun("run_2").blockingFirst())
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> app.runs().list(RunFilter.allTime())).isInstanceOf(PermissionDeniedException.class);
    assertThat(log).isNotEmpty().noneMatch(line -> line.contains(token) || line.contains(RUN_1_KEY));
    assertThat(backend.toString() + backend.auth() + app).doesNotContain(RUN_1_KEY).doesNotContain(token);
  }

  @Test
  void theLifetimeIsCountedByTheServerAndAnExpiryTimeIsSentInUnixSeconds() {
    time.advance(Duration.ofHours(1)); // the client's clock is not the one that counts
    String inTwoHours = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1")
        .expiresIn(Duration.ofHours(2)).build());
    assertThat(payloadOf(inTwoHours).get("exp").getAsLong()).isEqualTo(FakeTime.START.getEpochSecond() + 7200);

    Instant at = FakeTime.START.plus(Duration.ofDays(3));
    String untilThen = backend.auth().createPublicToken(PublicTokenOptions.builder().writeRuns("run_1")
        .expiresAt(at).build());
    assertThat(log).contains("{\"scopes\":[\"write:runs:run_1\"],\"expirationTime\":" + at.getEpochSecond() + "}");
    assertThat(payloadOf(untilThen).get("exp").getAsLong()).isEqualTo(at.getEpochSecond());
  }

  @Test
  void realtimeSkipColumnsTravelInTheBodyAndIntoTheToken() {
    String token = backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1")
        .realtimeSkipColumns("payload", "output").build());

    assertThat(log).contains("{\"scopes\":[\"read:runs:run_1\"],\"expirationTime\":\"900s\","
        + "\"realtime\":{\"skipColumns\":[\"payload\",\"output\"]}}");
    assertThat(payloadOf(token).getAsJsonObject("realtime").toString())
        .isEqualTo("{\"skipColumns\":[\"payload\",\"output\"]}");
  }

  @Test
  void scopesBeyondTheKeysOwnArePermissionDeniedNamingThem() {
    assertThatThrownBy(() -> backend.auth().createPublicToken(
            PublicTokenOptions.builder().readRuns("run_1", "run_2").readAllRuns().build()))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("may not grant read:runs:run_2, read:runs")
        .hasMessageContaining("403")
        .hasMessageNotContaining(RUN_1_KEY)
        .satisfies(e -> assertThat(((PermissionDeniedException) e).getStatusCode()).isEqualTo(403));
  }

  @Test
  void aLifetimeOverTheServersLimitIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1")
            .expiresIn(Duration.ofDays(31)).build()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("30 days");
    assertThat(log).isEmpty();
    // An absolute time too far out is the server's to refuse, by its clock.
    assertThatThrownBy(() -> backend.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1")
            .expiresAt(FakeTime.START.plus(Duration.ofDays(31))).build()))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Expiration time cannot exceed 30 days");
  }

  @Test
  void theRootKeyStillSignsLocallyFromTheClaims() throws Exception {
    TriggerRuns root = backend(server.baseUrl(), ROOT_KEY);
    String token = root.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_2").build());

    assertThat(log).filteredOn(line -> line.startsWith("--> POST")).containsExactly(
        "--> POST " + server.baseUrl() + "/api/v1/auth/jwt/claims");
    assertThat(signedWith(token, ROOT_KEY)).isTrue();
  }

  @Test
  void aServerWithoutTheRouteGetsTheSdksAnswer() {
    stub.stubFor(post(urlPathEqualTo("/api/v1/auth/public-tokens"))
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"Not Found\"}")));
    TriggerRuns old = backend(stub.baseUrl(), RUN_1_KEY);

    assertThatThrownBy(() -> old.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("This additional API key cannot self-sign public tokens, and the server does not"
            + " support public-token minting")
        .hasMessageContaining("Upgrade the server or use the root API key")
        .hasMessageNotContaining(RUN_1_KEY);
  }

  @Test
  void aFailedMintIsRetriedLikeAnyCallAndAnAnswerWithoutATokenIsADecodingError() {
    stub.stubFor(post(urlPathEqualTo("/api/v1/auth/public-tokens")).inScenario("mint")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
        .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
    stub.stubFor(post(urlPathEqualTo("/api/v1/auth/public-tokens")).inScenario("mint")
        .whenScenarioStateIs("up").willSetStateTo("odd")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"token\":\"a.b.c\"}")));
    stub.stubFor(post(urlPathEqualTo("/api/v1/auth/public-tokens")).inScenario("mint")
        .whenScenarioStateIs("odd")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"jwt\":\"a.b.c\"}")));
    TriggerRuns flaky = backend(stub.baseUrl(), RUN_1_KEY);

    assertThat(flaky.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1").build()))
        .isEqualTo("a.b.c");
    stub.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/auth/public-tokens"))
        .withRequestBody(equalToJson("{\"scopes\":[\"read:runs:run_1\"],\"expirationTime\":\"900s\"}")));
    assertThatThrownBy(() -> flaky.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1").build()))
        .isInstanceOf(ResponseDecodingException.class).hasMessageContaining("no \"token\"");
  }

  @Test
  void theRootKeysClaimsRequestIsRetriedAfterA503() {
    stub.stubFor(post(urlPathEqualTo("/api/v1/auth/jwt/claims")).inScenario("claims")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
        .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}")));
    stub.stubFor(post(urlPathEqualTo("/api/v1/auth/jwt/claims")).inScenario("claims")
        .whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"sub\":\"env_1\",\"pub\":true}")));
    TriggerRuns root = backend(stub.baseUrl(), ROOT_KEY);

    String token = root.auth().createPublicToken(PublicTokenOptions.builder().readRuns("run_1").build());

    assertThat(payloadOf(token).get("sub").getAsString()).isEqualTo("env_1");
    stub.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/auth/jwt/claims")));
  }
}
