package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/auth/public-tokens} and additional API keys, as the webapp's
 * {@code handlePublicTokenRequest} and rbac's bearer check treat them.
 */
class PublicTokenMintingTest {
  private static final String ROUTE = "/api/v1/auth/public-tokens";
  // Additional keys: tr_<env>_sk_ and 24 letters or digits.
  private static final String RUN_A_KEY = "tr_dev_sk_abcdefghijklmnopqrstuvwx";
  private static final String READER_KEY = "tr_dev_sk_ABCDEFGHIJKLMNOPQRSTUVWX";
  private static final String ADMIN_KEY = "tr_dev_sk_000000000000000000000000";

  private final MutableClock clock = MutableClock.at(Runs.NOW);
  private FakeTriggerServer server;

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(0).clock(clock)
        .additionalApiKey(RUN_A_KEY, "read:runs:run_a", "write:runs:run_a")
        .additionalApiKey(READER_KEY, "read:runs")
        .additionalApiKey(ADMIN_KEY, "admin")
        .build().start();
    server.addRun(Runs.run("run_a", "QUEUED", 5).tags("vip").build());
    server.addRun(Runs.run("run_b", "QUEUED", 4).build());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private Http as(String key) {
    return Http.to(server).header("Authorization", key == null ? null : "Bearer " + key);
  }

  private Http.Resp mint(String key, String body) {
    return as(key).post(ROUTE, body);
  }

  @Test
  void anAdditionalKeyGetsATokenSignedWithTheRootKeyThatReadsWithinItsScopes() {
    Http.Resp minted = mint(RUN_A_KEY, "{\"scopes\":[\"read:runs:run_a\"],\"expirationTime\":\"1h\",\"extra\":1}");

    assertThat(minted.status).isEqualTo(200);
    long now = Runs.NOW.getEpochSecond();
    String token = minted.json().get("token").getAsString();
    assertThat(minted.body).isEqualTo("{\"token\":\"" + token + "\"}");
    assertThat(token).isEqualTo(PublicTokens.signed("{\"sub\":\"" + server.environmentId()
        + "\",\"pub\":true,\"scopes\":[\"read:runs:run_a\"],\"iss\":\"https://id.trigger.dev\","
        + "\"aud\":\"https://api.trigger.dev\",\"exp\":" + (now + 3600) + ",\"iat\":" + now + "}", server.secretKey()));
    Http token1 = Http.bare(server).header("Authorization", "Bearer " + token);
    assertThat(token1.path("/realtime/v1/runs/run_a?offset=-1").status).isEqualTo(200);
    assertThat(token1.path("/realtime/v1/runs/run_b?offset=-1").status).isEqualTo(403);
  }

  @Test
  void theTokenCarriesOneTimeUseAndRealtimeOptionsAndExpiresAtTheGivenSecond() {
    long exp = Runs.NOW.getEpochSecond() + 60;
    String token = mint(READER_KEY, "{\"scopes\":[\"read:runs\"],\"expirationTime\":" + exp + ",\"oneTimeUse\":true,"
        + "\"realtime\":{\"skipColumns\":[\"payload\"],\"other\":2}}").json().get("token").getAsString();

    assertThat(token).isEqualTo(PublicTokens.signed("{\"sub\":\"" + server.environmentId()
        + "\",\"pub\":true,\"scopes\":[\"read:runs\"],\"otu\":true,\"realtime\":{\"skipColumns\":[\"payload\"]},"
        + "\"iss\":\"https://id.trigger.dev\",\"aud\":\"https://api.trigger.dev\",\"exp\":" + exp + ",\"iat\":"
        + Runs.NOW.getEpochSecond() + "}", server.secretKey()));
  }

  @Test
  void theRootKeyMintsAnyScopeAndTheDefaultLifetimeIs15Minutes() {
    String token = mint(server.secretKey(), "{\"scopes\":[\"read:all\",\"admin\"]}").json().get("token").getAsString();

    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(JsonParser.parseString(payload).getAsJsonObject().get("exp").getAsLong())
        .isEqualTo(Runs.NOW.getEpochSecond() + 900);
  }

  @Test
  void scopesBeyondTheKeysOwnAre403NamingThem() {
    Http.Resp denied = mint(RUN_A_KEY,
        "{\"scopes\":[\"read:runs:run_a\",\"read:runs\",\"read:runs:run_b\",\"write:runs:run_a\",\"read:all\",\"read\"]}");

    assertThat(denied.status).isEqualTo(403);
    assertThat(denied.body).isEqualTo("{\"error\":\"Requested scopes exceed the API key's access\","
        + "\"code\":\"scopes_exceed_key_access\",\"deniedScopes\":[\"read:runs\",\"read:runs:run_b\",\"read:all\",\"read\"]}");
    // A scope without a type is denied even to the root key; bare admin only to a full-access key.
    assertThat(mint(server.secretKey(), "{\"scopes\":[\"read\"]}").status).isEqualTo(403);
    assertThat(mint(READER_KEY, "{\"scopes\":[\"admin\"]}").status).isEqualTo(403);
    assertThat(mint(ADMIN_KEY, "{\"scopes\":[\"admin\",\"read:all\"]}").status).isEqualTo(200);
  }

  @Test
  void onlyApiKeysMayMint() {
    String token = mint(READER_KEY, "{\"scopes\":[\"read:runs\"]}").json().get("token").getAsString();

    assertThat(mint(token, "{\"scopes\":[\"read:runs\"]}").body).isEqualTo("{\"error\":\"Invalid API key\"}");
    assertThat(mint("tr_dev_sk_zzzzzzzzzzzzzzzzzzzzzzzz", "{\"scopes\":[\"read:runs\"]}").status).isEqualTo(401);
    Http.Resp none = mint(null, "{\"scopes\":[\"read:runs\"]}");
    assertThat(none.status).isEqualTo(401);
    assertThat(none.body).isEqualTo("{\"error\":\"Invalid or Missing API key\"}");
  }

  @Test
  void theBodyIsValidatedAsTheRouteDoes() {
    assertThat(mint(READER_KEY, "").body).isEqualTo("{\"error\":\"Invalid request body\"}");
    assertThat(mint(READER_KEY, "{scopes:['read:runs']}").body).isEqualTo("{\"error\":\"Invalid request body\"}");
    assertThat(mint(READER_KEY, "{}").body).isEqualTo("{\"error\":\"Invalid request body\",\"issues\":[{\"code\":"
        + "\"invalid_type\",\"expected\":\"array\",\"received\":\"undefined\",\"path\":[\"scopes\"],\"message\":\"Required\"}]}");
    assertThat(mint(READER_KEY, "{\"scopes\":[]}").body).contains("\"code\":\"too_small\"")
        .contains("Array must contain at least 1 element(s)");
    Http.Resp wrong = mint(READER_KEY, "{\"scopes\":[\"read:runs\",7],\"expirationTime\":true,\"oneTimeUse\":\"yes\","
        + "\"realtime\":{\"skipColumns\":\"payload\"}}");
    assertThat(wrong.status).isEqualTo(400);
    assertThat(wrong.json().getAsJsonArray("issues")).hasSize(4);
    assertThat(wrong.body).contains("\"path\":[\"scopes\",1]").contains("\"code\":\"invalid_union\"")
        .contains("\"path\":[\"oneTimeUse\"]").contains("\"path\":[\"realtime\",\"skipColumns\"]");
    assertThat(mint(READER_KEY, "null").body).contains("\"expected\":\"object\",\"received\":\"null\"");
  }

  @Test
  void theExpiryIsInTheFutureAndAtMost30DaysAway() {
    assertThat(expiryError("\"1.5h\"")).isNull();
    assertThat(exp("\"1.5h\"")).isEqualTo(Runs.NOW.getEpochSecond() + 5400);
    assertThat(exp("\"2 Days from now\"")).isEqualTo(Runs.NOW.getEpochSecond() + 2 * 86400);
    assertThat(exp("\"30d\"")).isEqualTo(Runs.NOW.getEpochSecond() + 30 * 86400);
    assertThat(expiryError("\"soon\"")).isEqualTo("Invalid expiration time");
    assertThat(expiryError("\"+5m ago\"")).isEqualTo("Invalid expiration time");
    assertThat(expiryError("\"15m\\n\"")).isEqualTo("Invalid expiration time");
    assertThat(expiryError("\"-5m\"")).isEqualTo("Expiration time must be in the future");
    assertThat(expiryError("\"5 mins ago\"")).isEqualTo("Expiration time must be in the future");
    assertThat(expiryError(Long.toString(Runs.NOW.getEpochSecond()))).isEqualTo("Expiration time must be in the future");
    assertThat(expiryError("\"31d\"")).isEqualTo("Expiration time cannot exceed 30 days");
    assertThat(expiryError("\"1y\"")).isEqualTo("Expiration time cannot exceed 30 days");
  }

  private String expiryError(String expirationTime) {
    Http.Resp r = mint(READER_KEY, "{\"scopes\":[\"read:runs\"],\"expirationTime\":" + expirationTime + "}");
    return r.status == 200 ? null : r.json().get("error").getAsString();
  }

  private long exp(String expirationTime) {
    String token = mint(READER_KEY, "{\"scopes\":[\"read:runs\"],\"expirationTime\":" + expirationTime + "}")
        .json().get("token").getAsString();
    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8);
    return JsonParser.parseString(payload).getAsJsonObject().get("exp").getAsLong();
  }

  @Test
  void anAdditionalKeyActsOnTheApiWithinItsScopesAndOnLegacyRoutesOnlyWithFullAccess() {
    assertThat(as(READER_KEY).get("").ids()).containsExactly("run_b", "run_a");
    assertThat(as(RUN_A_KEY).get("").status).isEqualTo(403);
    assertThat(as(RUN_A_KEY).path("/api/v3/runs/run_a").status).isEqualTo(200);
    assertThat(as(RUN_A_KEY).path("/api/v3/runs/run_b").status).isEqualTo(403);
    assertThat(as(RUN_A_KEY).post("/api/v2/runs/run_a/cancel", "").status).isEqualTo(200);

    // api.v1.auth.jwt.claims.ts authenticates the legacy way: a restricted additional key is refused.
    assertThat(as(READER_KEY).post("/api/v1/auth/jwt/claims", "").status).isEqualTo(401);
    Http.Resp claims = as(ADMIN_KEY).post("/api/v1/auth/jwt/claims", "");
    assertThat(claims.status).isEqualTo(200);
    assertThat(claims.json().get("sub").getAsString()).isEqualTo(server.environmentId());
  }

  @Test
  void theEnvironmentsKeysShareOneRateLimitBucket() {
    try (FakeTriggerServer limited = FakeTriggerServer.builder().runs(1).rateLimit(RateLimit.of(5, 1, Duration.ofHours(1)))
        .additionalApiKey(READER_KEY, "read:runs").build().start()) {
      Http http = Http.to(limited);
      assertThat(http.get("").header("x-ratelimit-remaining")).contains("4");
      assertThat(http.header("Authorization", "Bearer " + READER_KEY).get("").header("x-ratelimit-remaining"))
          .contains("3");
      Http.Resp unknown = http.header("Authorization", "Bearer tr_dev_sk_zzzzzzzzzzzzzzzzzzzzzzzz").get("");
      assertThat(unknown.status).isEqualTo(401);
      assertThat(unknown.header("x-ratelimit-remaining")).contains("4");
    }
  }

  @Test
  void theBuilderTakesOnlyAdditionalKeysWithScopes() {
    assertThatThrownBy(() -> FakeTriggerServer.builder().additionalApiKey("tr_dev_sk_short", "read:runs"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24 letters or digits")
        .hasMessageNotContaining("short");
    assertThatThrownBy(() -> FakeTriggerServer.builder().additionalApiKey(RUN_A_KEY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one scope");
  }
}
