package io.github.triggerruns.bench.server;

import java.nio.charset.StandardCharsets;
import io.github.triggerruns.bench.fixture.PageSource;
import java.time.Duration;

/** What both server implementations share: the headers, the error body, the simulated server time. */
final class Responses {
  static final String CONTENT_TYPE = "application/json; charset=utf-8";
  /** The real server reports its budget on every answer; a full budget keeps the client from pausing. */
  static final String RATE_LIMIT_LIMIT = "1500";
  static final String RATE_LIMIT_REMAINING = "1499";
  static final String RATE_LIMIT_RESET = Long.toString(4_102_444_800_000L);

  private Responses() {}

  /** A 400 body shaped like the server's query errors. */
  static byte[] queryError(String message) {
    String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
    return ("{\"error\":\"Query Error\",\"details\":[{\"code\":\"custom\",\"message\":\"" + escaped
        + "\",\"path\":[\"page\"]}]}").getBytes(StandardCharsets.UTF_8);
  }

  /** Sleeps to simulate the server's own time per page. */
  static void simulateLatency(Duration latency) {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A status and body for one request. */
  record Answer(int status, byte[] body) {}

  /**
   * The answer to a request with {@code rawQuery}, after the configured latency: the page, or a 400 for
   * what a correct client would not send (so a client bug fails the run instead of measuring fast).
   */
  static Answer answer(PageSource pages, String rawQuery, Duration latency) {
    Answer answer;
    try {
      if (pages == null) {
        throw new IllegalArgumentException("no listing is being served");
      }
      answer = new Answer(200, pages.page(PageQuery.resolve(rawQuery, pages)));
    } catch (IllegalArgumentException e) {
      answer = new Answer(400, queryError(e.getMessage()));
    }
    simulateLatency(latency);
    return answer;
  }
}
