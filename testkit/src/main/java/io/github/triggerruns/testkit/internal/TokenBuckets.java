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

  /** Whether buckets apply at all. */
  public boolean enabled() {
    return !limit.isUnlimited();
  }

  /** The rate limit these buckets enforce. */
  public RateLimit limit() {
    return limit;
  }

  /** Takes a token from {@code key}'s bucket (or only looks, when {@code consume} is false). */
  public synchronized RateLimitDecision take(String key, boolean consume) {
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
      return new RateLimitDecision(tokens > 0, max, tokens, reset, now);
    }
    if (tokens == 0) {
      // The script returns before writing anything: the stored bucket is left as it was.
      buckets.putIfAbsent(key, bucket);
      return new RateLimitDecision(false, max, -1, reset, now);
    }
    long remaining = tokens - 1;
    long refillsToFull = ceilDiv(max - remaining, limit.refillAmount());
    buckets.put(key, new Bucket(refilledAt, remaining, now + refillsToFull * interval));
    return new RateLimitDecision(true, max, remaining, reset, now);
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
