package io.github.triggerruns;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Shared wiring for the RxJava tests: a client on a virtual-time scheduler, and live-shaped JSON. */
final class RxTestSupport {
  /** The virtual clock starts here, so rate-limit resets and windows are realistic instants. */
  static final Instant T0 = Instant.parse("2025-07-20T10:30:00Z");

  private RxTestSupport() {}

  static TestScheduler scheduler() {
    return new TestScheduler(T0.toEpochMilli(), TimeUnit.MILLISECONDS);
  }

  /** The scheduler's virtual time as a clock, for a fake server and a client that must agree with it. */
  static Clock clock(TestScheduler scheduler) {
    return new VirtualClock(scheduler, ZoneOffset.UTC);
  }

  private static final class VirtualClock extends Clock {
    private final TestScheduler scheduler;
    private final ZoneId zone;

    VirtualClock(TestScheduler scheduler, ZoneId zone) {
      this.scheduler = scheduler;
      this.zone = zone;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
      return new VirtualClock(scheduler, newZone);
    }
  }

  /**
   * A client talking to {@code server} whose asynchronous work runs on {@code scheduler}; HTTP-layer retry
   * waits are recorded in {@code sleeps} instead of slept.
   */
  static TriggerRuns client(WireMockExtension server, TestScheduler scheduler, int maxRetries,
      List<Duration> sleeps) {
    return TriggerRuns.builder()
        .environment(name -> null)
        .secretKey("tr_dev_test")
        .baseUrl(server.baseUrl())
        .scheduler(scheduler)
        .maxRetries(maxRetries)
        .sleeper(sleeps::add)
        .clock(Clock.fixed(T0, ZoneOffset.UTC))
        .random(() -> 0.0)
        .build();
  }

  static List<Duration> sleeps() {
    return new CopyOnWriteArrayList<>();
  }

  /** A run in the live shape, created and last updated at {@code createdAt}. */
  static String run(String id, String status, Instant createdAt) {
    return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"taskIdentifier\":\"send-email\","
        + "\"env\":{\"id\":\"env_1\",\"name\":\"dev\"},\"isTest\":false,\"createdAt\":\"" + createdAt
        + "\",\"updatedAt\":\"" + createdAt + "\",\"tags\":[],\"isQueued\":false,\"metadata\":{}}";
  }

  /** A list answer; {@code next} null for the last page ({@code {"data":[],"pagination":{}}} when empty). */
  static String page(String next, String... runs) {
    return "{\"data\":[" + String.join(",", runs) + "],\"pagination\":{"
        + (next == null ? "" : "\"next\":\"" + next + "\"") + "}}";
  }

  /** The list requests the server received, oldest first. */
  static List<LoggedRequest> listRequests(WireMockExtension server) {
    return server.findAll(getRequestedFor(urlPathEqualTo("/api/v1/runs")));
  }

  /** A decoded query parameter of a received request, or null. */
  static String query(LoggedRequest request, String name) {
    return HttpUrl.get(request.getAbsoluteUrl()).queryParameter(name);
  }

  /** The {@code page[after]} cursor of each list request received, "-" for none. */
  static List<String> cursorsRequested(WireMockExtension server) {
    return listRequests(server).stream()
        .map(r -> query(r, "page[after]") == null ? "-" : query(r, "page[after]"))
        .collect(Collectors.toList());
  }
}
