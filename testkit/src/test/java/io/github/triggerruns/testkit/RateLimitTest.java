package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  static final long NOW_MS = Runs.NOW.toEpochMilli();

  MutableClock clock;
  FakeTriggerServer server;
  Http http;

  @BeforeEach
  void start() {
    clock = MutableClock.at(Runs.NOW);
    server =
        FakeTriggerServer.builder()
            .runs(5)
            .clock(clock)
            .rateLimit(RateLimit.of(3, 2, Duration.ofSeconds(10)))
            .build()
            .start();
    http = Http.to(server);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void everyAnswerCarriesTheBucketState() {
    for (int remaining = 2; remaining >= 0; remaining--) {
      Http.Resp r = http.get("");
      assertThat(r.status).isEqualTo(200);
      assertThat(r.header("x-ratelimit-limit")).contains("3");
      assertThat(r.header("x-ratelimit-remaining")).contains(Integer.toString(remaining));
      assertThat(r.header("x-ratelimit-reset")).contains(Long.toString(NOW_MS + 10_000));
    }
  }

  @Test
  void anEmptyBucketAnswers429ProblemJsonUntilTheNextRefill() {
    for (int i = 0; i < 3; i++) {
      http.get("");
    }

    Http.Resp refused = http.get("");
    assertThat(refused.status).isEqualTo(429);
    assertThat(refused.header("content-type")).contains("application/problem+json; charset=utf-8");
    assertThat(refused.header("x-ratelimit-remaining")).contains("0");
    assertThat(refused.header("x-ratelimit-reset")).contains(Long.toString(NOW_MS + 10_000));
    assertThat(refused.header("retry-after")).isEmpty();
    JsonObject body = refused.json();
    assertThat(body.get("title").getAsString()).isEqualTo("Rate Limit Exceeded");
    assertThat(body.get("status").getAsInt()).isEqualTo(429);
    assertThat(body.get("reset").getAsLong()).isEqualTo(NOW_MS + 10_000);
    assertThat(body.get("limit").getAsInt()).isEqualTo(3);
    assertThat(body.get("remaining").getAsInt()).isEqualTo(-1);
    assertThat(body.get("secondsUntilReset").getAsDouble()).isEqualTo(10);
    assertThat(body.get("error").getAsString())
        .isEqualTo("Rate limit exceeded 0/3 requests remaining. Retry in 10 seconds.");

    clock.advance(Duration.ofMillis(3_200));
    assertThat(http.get("").json().get("secondsUntilReset").getAsDouble()).isEqualTo(6.8);

    clock.set(Runs.NOW.plusSeconds(10));
    Http.Resp refilled = http.get("");
    assertThat(refilled.status).isEqualTo(200);
    assertThat(refilled.header("x-ratelimit-remaining")).contains("1");
    assertThat(refilled.header("x-ratelimit-reset")).contains(Long.toString(NOW_MS + 20_000));
  }

  @Test
  void eachKeyHasItsOwnBucket() {
    for (int i = 0; i < 3; i++) {
      http.get("");
    }
    assertThat(http.get("").status).isEqualTo(429);

    Http.Resp other = http.header("Authorization", "Bearer tr_dev_other").get("");
    assertThat(other.status).isEqualTo(401);
    assertThat(other.header("x-ratelimit-remaining")).contains("2");
  }

  @Test
  void theDefaultIsTheLiveLimitAndUnlimitedSendsNoHeaders() {
    try (FakeTriggerServer live = FakeTriggerServer.builder().runs(1).build().start();
        FakeTriggerServer unlimited =
            FakeTriggerServer.builder().runs(1).rateLimit(RateLimit.unlimited()).build().start()) {
      Http.Resp r = Http.to(live).get("");
      assertThat(r.header("x-ratelimit-limit")).contains("750");
      assertThat(r.header("x-ratelimit-remaining")).contains("749");

      assertThat(Http.to(unlimited).get("").header("x-ratelimit-limit")).isEmpty();
    }
  }
}
