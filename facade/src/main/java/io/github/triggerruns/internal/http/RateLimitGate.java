package io.github.triggerruns.internal.http;

import java.time.Clock;
import java.time.Duration;
import okhttp3.Headers;

/**
 * Paces requests to the environment's rate limit, which every answer reports in {@code x-ratelimit-*}
 * headers: once {@code x-ratelimit-remaining} reaches 0, the next request waits for
 * {@code x-ratelimit-reset} (unix milliseconds) instead of spending a 429. Shared by all calls of a client;
 * {@link RetryInterceptor} does the waiting.
 */
public final class RateLimitGate {
  private final Clock clock;
  private final Duration maxWait;
  private long exhaustedUntilMillis;

  /** A gate waiting at most {@code maxWait} at a time. */
  public RateLimitGate(Clock clock, Duration maxWait) {
    this.clock = clock;
    this.maxWait = maxWait;
  }

  /** How long to wait before the next request: until the budget refills, when the last answer said it was spent. */
  public Duration budgetWait() {
    long waitMillis;
    synchronized (this) {
      waitMillis = exhaustedUntilMillis - clock.millis();
    }
    return Duration.ofMillis(Math.max(0, Math.min(waitMillis, maxWait.toMillis())));
  }

  /** Learns the budget from an answer's headers. */
  public void record(Headers headers) {
    Long remaining = RetryPolicy.parseLong(headers.get("x-ratelimit-remaining"));
    Long reset = RetryPolicy.parseLong(headers.get("x-ratelimit-reset"));
    if (remaining == null || reset == null) {
      return;
    }
    synchronized (this) {
      exhaustedUntilMillis = remaining <= 0 ? reset : 0;
    }
  }
}
