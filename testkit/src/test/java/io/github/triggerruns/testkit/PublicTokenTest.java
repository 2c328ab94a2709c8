package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Public access tokens: the claims endpoint, signature, expiry and scopes, as the live server checks them. */
class PublicTokenTest {
  private final MutableClock clock = MutableClock.at(Runs.NOW);
  private FakeTriggerServer server;

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(0).clock(clock).build().start();
    server.addRun(Runs.run("run_a", "QUEUED", 5).tags("vip").build());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private String token(String scopesJson, long exp, String key) {
    return PublicTokens.of(server, scopesJson, exp, key);
  }

  private String token(String scopesJson) {
    return PublicTokens.of(server, scopesJson);
  }

  private Http.Resp realtime(String token, String path) {
    return Http.bare(server).header("Authorization", "Bearer " + token).path(path);
  }

  @Test
  void theClaimsEndpointGivesTheEnvironmentToTheSecretKeyOnly() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/auth/jwt/claims"))
        .header("Authorization", "Bearer " + server.secretKey()).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonObject claims = JsonParser.parseString(ok.body()).getAsJsonObject();
    assertThat(claims.get("sub").getAsString()).isEqualTo(server.environmentId());
    assertThat(claims.get("pub").getAsBoolean()).isTrue();
    HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/auth/jwt/claims"))
        .header("Authorization", "Bearer " + token("[\"read:runs\"]")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
  }

  @Test
  void aRunIsReadableThroughAnyOfItsScopes() {
    for (String scopes : new String[] {"[\"read:runs:run_a\"]", "[\"read:runs\"]", "[\"read:tags:vip\"]",
        "[\"read:tasks:send-email\"]", "[\"read:all\"]", "[\"admin\"]"}) {
      assertThat(realtime(token(scopes), "/realtime/v1/runs/run_a?offset=-1").status).as(scopes).isEqualTo(200);
    }
    Http.Resp denied = realtime(token("[\"read:runs:run_b\",\"write:runs:run_a\"]"), "/realtime/v1/runs/run_a?offset=-1");
    assertThat(denied.status).isEqualTo(403);
    assertThat(denied.body).isEqualTo(PublicTokens.FORBIDDEN);
  }

  @Test
  void listingNeedsTheTypeScopeOrEveryFilteredTask() {
    String runOnly = token("[\"read:runs:run_a\"]");
    assertThat(Http.to(server).header("Authorization", "Bearer " + runOnly).get("").status).isEqualTo(403);
    String task = token("[\"read:tasks:send-email\"]");
    Http.Resp listed = Http.to(server).header("Authorization", "Bearer " + task)
        .get("filter%5BtaskIdentifier%5D=send-email");
    assertThat(listed.status).isEqualTo(200);
    assertThat(listed.ids()).containsExactly("run_a");
    assertThat(Http.to(server).header("Authorization", "Bearer " + task)
        .get("filter%5BtaskIdentifier%5D=send-email%2Cother").status).isEqualTo(403);
    // The query is validated before the scopes are checked.
    Http.Resp badQuery = Http.to(server).header("Authorization", "Bearer " + runOnly).get("page%5Bsize%5D=0");
    assertThat(badQuery.status).isEqualTo(400);
    assertThat(badQuery.json().get("error").getAsString()).isEqualTo("Query Error");
  }

  // The bearer check every apiBuilder route makes (rbac bearerCredentials.ts), realtime and /api alike.
  @Test
  void badTokensGetTheBearerChecks401sOnRealtimeAndApiAlike() {
    long now = Runs.NOW.getEpochSecond();
    String claims = ",\"pub\":true,\"iss\":\"https://id.trigger.dev\",\"aud\":\"https://api.trigger.dev\"";
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put(token("[\"read:runs\"]", now, server.secretKey()), "Public Access Token is invalid");
    refusals.put(token("[\"read:runs\"]", now + 60, "tr_dev_someone_else"), "Public Access Token is invalid");
    refusals.put(PublicTokens.signed("{\"sub\":\"" + server.environmentId() + "\"" + claims + ",\"nbf\":" + (now + 1)
        + "}", server.secretKey()), "Public Access Token is invalid");
    refusals.put(PublicTokens.signed("{\"sub\":\"env_other\"" + claims + "}", server.secretKey()),
        "Invalid Public Access Token");
    refusals.put(PublicTokens.signed("{\"sub\":\"" + server.environmentId() + "\"}", server.secretKey()),
        "Invalid API key");
    refusals.forEach((token, error) -> {
      for (Http.Resp r : List.of(realtime(token, "/realtime/v1/runs/run_a?offset=-1"),
          Http.to(server).header("Authorization", "Bearer " + token).get(""))) {
        assertThat(r.status).as(token).isEqualTo(401);
        assertThat(r.body).as(token).isEqualTo("{\"error\":\"" + error + "\"}");
      }
    });
  }

  @Test
  void aTokenWithoutExpiryIsValidAsJoseHasIt() {
    String token = PublicTokens.signed("{\"sub\":\"" + server.environmentId() + "\",\"pub\":true,\"scopes\":[\"read:runs\"],"
        + "\"iss\":\"https://id.trigger.dev\",\"aud\":[\"https://api.trigger.dev\"]}", server.secretKey());
    assertThat(realtime(token, "/realtime/v1/runs/run_a?offset=-1").status).isEqualTo(200);
  }

  @Test
  void aTokensRealtimeSkipColumnsReplaceTheRequests() {
    String claims = "{\"sub\":\"" + server.environmentId() + "\",\"pub\":true,\"scopes\":[\"read:runs\"],"
        + "\"realtime\":{\"skipColumns\":[\"payload\",\"status\"]},\"iss\":\"https://id.trigger.dev\","
        + "\"aud\":\"https://api.trigger.dev\",\"exp\":" + (Runs.NOW.getEpochSecond() + 900) + "}";
    String skipping = PublicTokens.signed(claims, server.secretKey());

    String row = realtime(skipping, "/realtime/v1/runs/run_a?offset=-1&skipColumns=output").body;
    String plain = realtime(token("[\"read:runs\"]"), "/realtime/v1/runs/run_a?offset=-1&skipColumns=output").body;

    // status is reserved: sent even when a token asks to skip it.
    assertThat(row).doesNotContain("\"payload\"").contains("\"output\"").contains("\"status\"");
    assertThat(plain).contains("\"payload\"").doesNotContain("\"output\"");
  }
}
