package io.github.triggerruns.internal.http;

import java.time.Clock;
import java.time.Duration;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

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
  private @Nullable RateLimitState latest;

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
    Long limit = RetryPolicy.parseLong(headers.get("x-ratelimit-limit"));
    synchronized (this) {
      exhaustedUntilMillis = remaining <= 0 ? reset : 0;
      if (limit != null) {
        latest = newer(latest, new RateLimitState(limit, remaining, reset));
      }
    }
  }

  /**
   * Answers to concurrent calls are recorded in any order, but within one refill interval (one reset time)
   * the budget only shrinks: the smallest {@code remaining} of the newest interval is the one that holds.
   */
  private static RateLimitState newer(@Nullable RateLimitState known, RateLimitState answer) {
    if (known == null || answer.resetMillis() > known.resetMillis()) {
      return answer;
    }
    if (answer.resetMillis() < known.resetMillis()) {
      return known; // an answer from before the last refill, arriving late
    }
    return answer.remaining() < known.remaining() ? answer : known;
  }

  /**
   * The budget as the answers carrying all three {@code x-ratelimit-*} headers report it, or null
   * before any did (or when the server sends none): what lets a parallel listing leave room for the
   * application's own calls.
   */
  public synchronized @Nullable RateLimitState latest() {
    return latest;
  }
}
