package io.github.triggerruns.internal.http;

/**
 * The environment's rate-limit budget as the latest answer reported it in its {@code x-ratelimit-limit},
 * {@code x-ratelimit-remaining} and {@code x-ratelimit-reset} headers. Immutable.
 */
public final class RateLimitState {
  private final long limit;
  private final long remaining;
  private final long resetMillis;

  RateLimitState(long limit, long remaining, long resetMillis) {
    this.limit = limit;
    this.remaining = remaining;
    this.resetMillis = resetMillis;
  }

  /** The bucket's size ({@code x-ratelimit-limit}). */
  public long limit() {
    return limit;
  }

  /** Requests left until the next refill ({@code x-ratelimit-remaining}). */
  public long remaining() {
    return remaining;
  }

  /** When the bucket next refills, in unix milliseconds ({@code x-ratelimit-reset}). */
  public long resetMillis() {
    return resetMillis;
  }

  @Override
  public String toString() {
    return "RateLimitState{" + remaining + '/' + limit + ", reset=" + resetMillis + '}';
  }
}
