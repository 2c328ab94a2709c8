package io.github.triggerruns.testkit;

import static io.github.triggerruns.testkit.Http.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  static FakeTriggerServer server;

  @BeforeAll
  static void start() {
    server =
        FakeTriggerServer.builder()
            .runs(40)
            .clock(MutableClock.at(Runs.NOW))
            .rateLimit(RateLimit.unlimited())
            .build()
            .start();
  }

  @AfterEach
  void noFaults() {
    server.faults(FaultPlan.none());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static void next(Fault fault) {
    server.faults(FaultPlan.scripted(Map.of(1, fault)));
  }

  // A new client per faulted call: a pooled connection would let the JDK client retry silently.
  private static Http.Resp get() {
    return Http.to(server).get("");
  }

  @Test
  void http500HasTheLiveBody() {
    next(Fault.HTTP_500);

    Http.Resp r = get();

    assertThat(r.status).isEqualTo(500);
    assertThat(r.body).isEqualTo("{\"error\":\"Internal Server Error\"}");
  }

  @Test
  void http502And503AreHtmlFromALoadBalancer() {
    server.faults(FaultPlan.scripted(Map.of(1, Fault.HTTP_502, 2, Fault.HTTP_503)));

    Http.Resp bad = get();
    Http.Resp unavailable = get();

    assertThat(bad.status).isEqualTo(502);
    assertThat(bad.header("content-type")).contains("text/html; charset=utf-8");
    assertThat(unavailable.status).isEqualTo(503);
    assertThat(unavailable.body).contains("503 Service Unavailable");
  }

  @Test
  void http429LooksLikeTheLiveLimiter() {
    next(Fault.HTTP_429);

    Http.Resp r = get();

    assertThat(r.status).isEqualTo(429);
    assertThat(r.header("content-type")).contains("application/problem+json; charset=utf-8");
    assertThat(r.header("x-ratelimit-reset")).contains(Long.toString(Runs.NOW.toEpochMilli() + 10_000));
    assertThat(r.json().get("remaining").getAsInt()).isEqualTo(-1);
    assertThat(r.json().get("secondsUntilReset").getAsDouble()).isEqualTo(10);
  }

  @Test
  void connectionResetSendsNothing() throws Exception {
    next(Fault.CONNECTION_RESET);
    RawHttp.Exchange raw = RawHttp.get(server, 2_000);
    assertThat(raw.head).isNull();

    // The JDK client quietly retries an idempotent GET after a reset: the fault is visible
    // to the server (two requests) but not to the caller.
    next(Fault.CONNECTION_RESET);
    int before = server.requestCount();
    assertThat(get().status).isEqualTo(200);
    assertThat(server.requestCount() - before).isEqualTo(2);

    // Two in a row get through the single retry.
    server.faults(FaultPlan.scripted(Map.of(1, Fault.CONNECTION_RESET, 2, Fault.CONNECTION_RESET)));
    assertThatThrownBy(FaultInjectionTest::get).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void emptyResponseClosesWithoutAByte() throws Exception {
    next(Fault.EMPTY_RESPONSE);

    RawHttp.Exchange raw = RawHttp.get(server, 2_000);

    assertThat(raw.head).isNull();
    assertThat(raw.eof || raw.failure != null).isTrue();
  }

  @Test
  void truncatedBodyEndsBeforeItsContentLength() throws Exception {
    next(Fault.TRUNCATED_BODY);
    RawHttp.Exchange raw = RawHttp.get(server, 2_000);

    assertThat(raw.head).startsWith("HTTP/1.1 200");
    assertThat(raw.contentLength()).isPositive();
    assertThat(raw.body.length).isPositive().isLessThan(raw.contentLength());

    next(Fault.TRUNCATED_BODY);
    assertThatThrownBy(FaultInjectionTest::get)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("content-length");
  }

  @Test
  void malformedJsonIs200WithABrokenBody() {
    next(Fault.MALFORMED_JSON);

    Http.Resp r = get();

    assertThat(r.status).isEqualTo(200);
    assertThat(r.header("content-type")).contains("application/json; charset=utf-8");
    assertThat(r.body).startsWith("{\"data\":[");
    assertThatThrownBy(() -> JsonParser.parseString(r.body)).isInstanceOf(JsonSyntaxException.class);
  }

  @Test
  void slowResponseSendsHeadersThenStallsTheBody() throws Exception {
    server.faults(
        FaultPlan.scripted(Map.of(1, Fault.SLOW_RESPONSE))
            .withSlowResponseDelay(Duration.ofMillis(1_500)));

    RawHttp.Exchange raw = RawHttp.get(server, 300);

    assertThat(raw.head).startsWith("HTTP/1.1 200");
    assertThat(raw.failure).isInstanceOf(SocketTimeoutException.class);
    assertThat(raw.body.length).isLessThan(raw.contentLength());
  }

  @Test
  void latencyDelaysANormalAnswer() {
    Http.Resp expected = get();
    server.faults(
        FaultPlan.scripted(Map.of(1, Fault.LATENCY)).withLatencyFaultDelay(Duration.ofMillis(200)));

    long start = System.nanoTime();
    Http.Resp r = get();
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(elapsedMs).isGreaterThanOrEqualTo(200);
    assertThat(r.body).isEqualTo(expected.body);
  }

  @Test
  void planLatencyAppliesToEveryRequest() {
    server.faults(FaultPlan.none().withLatency(Duration.ofMillis(100), Duration.ofMillis(120)));

    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      assertThat(get().status).isEqualTo(200);
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(100);
    }
  }

  @Test
  void scriptedFaultsHitExactlyTheirRequestNumbersAndAreCounted() {
    try (FakeTriggerServer own = FakeTriggerServer.builder().runs(3).build().start()) {
      own.faults(FaultPlan.scripted(Map.of(2, Fault.HTTP_503, 4, Fault.HTTP_500)));
      Http http = Http.to(own);

      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        statuses.add(http.get("").status);
      }

      assertThat(statuses).containsExactly(200, 503, 200, 500, 200);
      assertThat(own.requestCount()).isEqualTo(5);
      FaultCounts counts = own.faultCounts();
      assertThat(counts.count(Fault.HTTP_503)).isEqualTo(1);
      assertThat(counts.count(Fault.HTTP_500)).isEqualTo(1);
      assertThat(counts.total()).isEqualTo(2);
      assertThat(counts).hasToString("FaultCounts{total=2, HTTP_500=1, HTTP_503=1}");
    }
  }

  @Test
  void randomFaultsAreReproducibleWithTheSameSeed() {
    FaultPlan plan = FaultPlan.random(42, 0.3, Fault.HTTP_500, Fault.HTTP_502, Fault.HTTP_503);

    List<Integer> first = statuses(plan, 40);
    List<Integer> second = statuses(plan, 40);
    List<Integer> otherSeed =
        statuses(FaultPlan.random(43, 0.3, Fault.HTTP_500, Fault.HTTP_502, Fault.HTTP_503), 40);

    assertThat(second).isEqualTo(first);
    assertThat(first).contains(200).containsAnyOf(500, 502, 503);
    assertThat(otherSeed).isNotEqualTo(first);
    for (int n = 1; n <= 40; n++) {
      int status = first.get(n - 1);
      assertThat(plan.faultFor(n).isPresent()).isEqualTo(status != 200);
    }
  }

  private static List<Integer> statuses(FaultPlan plan, int requests) {
    try (FakeTriggerServer own = FakeTriggerServer.builder().runs(3).faults(plan).build().start()) {
      Http http = Http.to(own);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        statuses.add(http.get("").status);
      }
      assertThat(own.faultCounts().total()).isEqualTo((int) statuses.stream().filter(s -> s != 200).count());
      return statuses;
    }
  }

  @Test
  void aRetryAfterAFaultGetsTheSamePage() {
    Http http = Http.to(server);
    Map<String, String> page2 =
        params("page[size]", "5", "filter[createdAt][from]", "1");
    page2.put("page[after]", http.get(page2).next().get());
    String expected = http.get(page2).body;

    server.faults(
        FaultPlan.scripted(Map.of(1, Fault.HTTP_503, 2, Fault.TRUNCATED_BODY, 3, Fault.MALFORMED_JSON)));
    assertThat(Http.to(server).get(page2).status).isEqualTo(503);
    assertThatThrownBy(() -> Http.to(server).get(page2)).isInstanceOf(UncheckedIOException.class);
    assertThat(Http.to(server).get(page2).body).isNotEqualTo(expected);

    assertThat(Http.to(server).get(page2).body).isEqualTo(expected);
  }

  @Test
  void faultsDoNotSpendRateLimitTokens() {
    try (FakeTriggerServer own =
        FakeTriggerServer.builder()
            .runs(3)
            .clock(MutableClock.at(Runs.NOW))
            .rateLimit(RateLimit.of(5, 1, Duration.ofMinutes(1)))
            .build()
            .start()) {
      Http http = Http.to(own);
      assertThat(http.get("").header("x-ratelimit-remaining")).contains("4");

      own.faults(FaultPlan.scripted(Map.of(1, Fault.HTTP_503, 2, Fault.HTTP_429, 3, Fault.MALFORMED_JSON)));
      http.get("");
      http.get("");
      assertThat(http.get("").header("x-ratelimit-remaining")).as("peeked, not spent").contains("4");

      assertThat(http.get("").header("x-ratelimit-remaining")).contains("3");
    }
  }
}
