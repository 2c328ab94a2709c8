package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationTest {
  static FakeTriggerServer server;

  @BeforeAll
  static void start() {
    server = FakeTriggerServer.builder().runs(3).secretKey("tr_dev_right").build().start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void theServersKeyIsAccepted() {
    assertThat(Http.to(server).get("").status).isEqualTo(200);
  }

  @Test
  void aMissingHeaderIsRefusedByTheRateLimiterWithProblemJson() {
    Http.Resp r = Http.bare(server).get("");

    assertThat(r.status).isEqualTo(401);
    assertThat(r.header("content-type")).contains("application/problem+json; charset=utf-8");
    assertThat(r.json().get("error").getAsString()).isEqualTo("No authorization header provided");
    assertThat(r.header("x-ratelimit-limit")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic dHJfZGV2X3JpZ2h0", "Bearer", "Bearer not-a-key", "Bearer sk_live_123",
      "bearer tr_dev_right", "Bearer tr_dev_right_and_more"})
  void aKeyThatMatchesNoEnvironmentIs401InvalidApiKey(String header) {
    Http.Resp r = Http.bare(server).header("Authorization", header).get("");

    assertThat(r.status).isEqualTo(401);
    assertThat(r.json()).isEqualTo(JsonParser.parseString("{\"error\":\"Invalid API key\"}"));
  }

  @Test
  void aWellFormedKeyOfAnotherEnvironmentIs401Too() {
    Http.Resp r = Http.bare(server).header("Authorization", "Bearer tr_prod_someoneelse").get("");

    assertThat(r.status).isEqualTo(401);
    assertThat(r.json()).isEqualTo(JsonParser.parseString("{\"error\":\"Invalid API key\"}"));
    // The limiter runs before authentication, so even a refused key is rate-limited.
    assertThat(r.header("x-ratelimit-remaining")).isPresent();
  }

  @Test
  void theBearerPrefixIsOptionalAsLive() {
    // The live check strips "Bearer " only when present, then looks up whatever is left.
    assertThat(Http.bare(server).header("Authorization", "tr_dev_right").get("").status).isEqualTo(200);
  }
}
