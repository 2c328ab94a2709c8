package io.github.triggerruns.testkit.internal;

import io.github.triggerruns.testkit.RateLimit;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * One token bucket per Authorization header value, with the arithmetic of the Upstash
 * {@code tokenBucket} script the live rate limiter runs: a new bucket is full; whole elapsed
 * intervals add {@code refillAmount} each (up to the burst); a request takes one token; an empty
 * bucket answers {@code remaining = -1}; {@code reset} is the end of the current interval; an idle
 * bucket expires once it would be full again and then starts over as a new one.
 */
public final class TokenBuckets {
  private final RateLimit limit;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new HashMap<>();

  /** Buckets for {@code limit}, timed by {@code clock}. */
  public TokenBuckets(RateLimit limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /** The outcome of one request against its bucket. */
  public static final class Decision {
    private final boolean allowed;
    private final int limit;
    private final long remaining;
    private final long resetMs;
    private final long nowMs;

    Decision(boolean allowed, int limit, long remaining, long resetMs, long nowMs) {
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

    /** The bucket size. */
    public int limit() {
      return limit;
    }

    /** Tokens left after this request; -1 when it was refused. */
    public long remaining() {
      return remaining;
    }

    /** Unix milliseconds at which the next refill happens. */
    public long resetMs() {
      return resetMs;
    }

    /** Unix milliseconds at which the decision was taken. */
    public long nowMs() {
      return nowMs;
    }
  }

  /** Whether buckets apply at all. */
  public boolean enabled() {
    return !limit.isUnlimited();
  }

  /** The rate limit these buckets enforce. */
  public RateLimit limit() {
    return limit;
  }

  /** Takes a token from {@code key}'s bucket (or only looks, when {@code consume} is false). */
  public synchronized Decision take(String key, boolean consume) {
    long now = clock.millis();
    long interval = limit.refillPeriod().toMillis();
    int max = limit.burst();
    Bucket bucket = buckets.get(key);
    if (bucket == null || now >= bucket.expiresAtMs) {
      bucket = new Bucket(now, max);
    }
    long refilledAt = bucket.refilledAtMs;
    long tokens = bucket.tokens;
    if (now >= refilledAt + interval) {
      long refills = (now - refilledAt) / interval;
      tokens = Math.min(max, tokens + refills * limit.refillAmount());
      refilledAt += refills * interval;
    }
    long reset = refilledAt + interval;
    if (!consume) {
      return new Decision(tokens > 0, max, tokens, reset, now);
    }
    if (tokens == 0) {
      // The script returns before writing anything: the stored bucket is left as it was.
      buckets.putIfAbsent(key, bucket);
      return new Decision(false, max, -1, reset, now);
    }
    long remaining = tokens - 1;
    long refillsToFull = ceilDiv(max - remaining, limit.refillAmount());
    buckets.put(key, new Bucket(refilledAt, remaining, now + refillsToFull * interval));
    return new Decision(true, max, remaining, reset, now);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static final class Bucket {
    final long refilledAtMs;
    final long tokens;
    final long expiresAtMs;

    Bucket(long nowMs, long tokens) {
      this(nowMs, tokens, Long.MAX_VALUE);
    }

    Bucket(long refilledAtMs, long tokens, long expiresAtMs) {
      this.refilledAtMs = refilledAtMs;
      this.tokens = tokens;
      this.expiresAtMs = expiresAtMs;
    }
  }
}
