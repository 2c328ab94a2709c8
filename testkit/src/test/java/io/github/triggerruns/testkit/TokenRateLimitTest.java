package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On /api a valid public access token has its own limit, as the live rate limiter gives it
 * (apiRateLimit.server.ts): Upstash's fixed window of 60 requests a minute, per token.
 */
class TokenRateLimitTest {
  // 25 s into a minute: the token's window resets at 10:01:00, 35 s later.
  private static final Instant START = Runs.NOW.plusSeconds(25);
  private static final long WINDOW_END = Runs.NOW.plusSeconds(60).toEpochMilli();

  private final MutableClock clock = MutableClock.at(START);
  private FakeTriggerServer server;

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(3).clock(clock).build().start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private Http as(String token) {
    return Http.to(server).header("Authorization", "Bearer " + token);
  }

  private static void assertLimit(Http.Resp r, int limit, long remaining, long reset) {
    assertThat(r.header("x-ratelimit-limit")).as(r.toString()).contains(Integer.toString(limit));
    assertThat(r.header("x-ratelimit-remaining")).as(r.toString()).contains(Long.toString(remaining));
    assertThat(r.header("x-ratelimit-reset")).as(r.toString()).contains(Long.toString(reset));
  }

  @Test
  void aTokenMakes60RequestsAMinuteThenGetsTheLive429() {
    Http token = as(PublicTokens.of(server, "[\"read:runs\"]"));
    for (int remaining = 59; remaining >= 0; remaining--) {
      Http.Resp r = token.get("");
      assertThat(r.status).as(r.toString()).isEqualTo(200);
      assertLimit(r, 60, remaining, WINDOW_END);
    }

    clock.advance(Duration.ofMillis(1_500));
    Http.Resp refused = token.get("");
    assertThat(refused.status).isEqualTo(429);
    assertThat(refused.header("content-type")).contains("application/problem+json; charset=utf-8");
    assertLimit(refused, 60, 0, WINDOW_END);
    assertThat(refused.header("retry-after")).isEmpty();
    JsonObject body = refused.json();
    assertThat(body.get("title").getAsString()).isEqualTo("Rate Limit Exceeded");
    assertThat(body.get("status").getAsInt()).isEqualTo(429);
    assertThat(body.get("reset").getAsLong()).isEqualTo(WINDOW_END);
    assertThat(body.get("limit").getAsInt()).isEqualTo(60);
    // A fixed window's remaining is already clamped at 0 (a token bucket's says -1).
    assertThat(body.get("remaining").getAsInt()).isZero();
    assertThat(body.get("secondsUntilReset").getAsDouble()).isEqualTo(33.5);
    assertThat(body.get("error").getAsString())
        .isEqualTo("Rate limit exceeded 0/60 requests remaining. Retry in 33.5 seconds.");
    assertThat(body.get("detail").getAsString()).isEqualTo(body.get("error").getAsString());
    // Every route under /api counts, retrieve and actions included.
    assertThat(token.path("/api/v3/runs/" + server.runs().get(0).id()).status).isEqualTo(429);
  }

  @Test
  void theNextWindowIsFresh() {
    Http token = as(PublicTokens.of(server, "[\"read:runs\"]"));
    for (int i = 0; i < 61; i++) {
      token.get("");
    }
    clock.set(Instant.ofEpochMilli(WINDOW_END - 1));
    assertThat(token.get("").status).isEqualTo(429);

    clock.set(Instant.ofEpochMilli(WINDOW_END));
    Http.Resp fresh = token.get("");
    assertThat(fresh.status).isEqualTo(200);
    assertLimit(fresh, 60, 59, WINDOW_END + 60_000);
  }

  @Test
  void eachTokenHasItsOwnWindowAndTheSecretKeysBucketIsUntouched() {
    Http first = as(PublicTokens.of(server, "[\"read:runs\"]"));
    Http second = as(PublicTokens.of(server, "[\"read:tasks\"]"));
    for (int i = 0; i < 61; i++) {
      first.get("");
    }
    assertThat(first.get("").status).isEqualTo(429);

    Http.Resp other = second.get("");
    assertThat(other.status).isEqualTo(200);
    assertLimit(other, 60, 59, WINDOW_END);

    Http.Resp key = Http.to(server).get("");
    assertThat(key.status).isEqualTo(200);
    // The live token bucket (750, 250 per 10 s), full but for this one request.
    assertLimit(key, 750, 749, START.plusSeconds(10).toEpochMilli());
  }

  @Test
  void delegatedTokensOfOneActorShareAWindow() {
    long exp = Runs.NOW.getEpochSecond() + 900;
    String claims = "{\"sub\":\"" + server.environmentId() + "\",\"pub\":true,\"scopes\":[\"read:runs\"],"
        + "\"act\":{\"sub\":\"user_1\"},\"iss\":\"https://id.trigger.dev\",\"aud\":\"https://api.trigger.dev\","
        + "\"exp\":";
    Http turn1 = as(PublicTokens.signed(claims + exp + "}", server.secretKey()));
    Http turn2 = as(PublicTokens.signed(claims + (exp + 1) + "}", server.secretKey()));

    assertLimit(turn1.get(""), 60, 59, WINDOW_END);
    assertLimit(turn2.get(""), 60, 58, WINDOW_END);
  }

  @Test
  void aTokenThatFailsAuthenticationTakesFromTheTokenBucket() {
    String expired = PublicTokens.of(server, "[\"read:runs\"]", Runs.NOW.getEpochSecond(), server.secretKey());
    String forged = PublicTokens.of(server, "[\"read:runs\"]", Runs.NOW.getEpochSecond() + 900, "tr_dev_other");
    for (String token : new String[] {expired, forged}) {
      Http.Resp r = as(token).get("");
      assertThat(r.status).isEqualTo(401);
      assertLimit(r, 750, 749, START.plusSeconds(10).toEpochMilli());
    }
  }

  @Test
  void noLimitAtAllWhenTheServerIsUnlimited() {
    try (FakeTriggerServer unlimited =
        FakeTriggerServer.builder().runs(1).clock(clock).rateLimit(RateLimit.unlimited()).build().start()) {
      Http token = Http.to(unlimited).header("Authorization", "Bearer " + PublicTokens.of(unlimited, "[\"read:runs\"]"));
      for (int i = 0; i < 61; i++) {
        Http.Resp r = token.get("");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.header("x-ratelimit-limit")).isEmpty();
      }
    }
  }
}
