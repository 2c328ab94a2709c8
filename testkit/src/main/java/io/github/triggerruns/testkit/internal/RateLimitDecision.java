package io.github.triggerruns.testkit.internal;

/**
 * What the rate limiter decided for one request, as the live middleware reads it from Upstash:
 * {@code success}, {@code limit}, {@code remaining} and {@code reset}.
 */
public final class RateLimitDecision {
  private final boolean allowed;
  private final int limit;
  private final long remaining;
  private final long resetMs;
  private final long nowMs;

  RateLimitDecision(boolean allowed, int limit, long remaining, long resetMs, long nowMs) {
    this.allowed = allowed;
    this.limit = limit;
    this.remaining = remaining;
    this.resetMs = resetMs;
    this.nowMs = nowMs;
  }

  /** Whether the request may proceed. */
  public boolean allowed() {
    return allowed;
  }

  /** The limiter's size: a bucket's burst, a window's tokens. */
  public int limit() {
    return limit;
  }

  /** The limiter's raw remaining count (a refused token bucket says -1, a refused window 0). */
  public long remaining() {
    return remaining;
  }

  /** Unix milliseconds at which the next refill or window starts. */
  public long resetMs() {
    return resetMs;
  }

  /** Unix milliseconds at which the decision was taken. */
  public long nowMs() {
    return nowMs;
  }
}
