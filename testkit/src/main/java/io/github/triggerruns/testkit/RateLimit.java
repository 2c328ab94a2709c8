package io.github.triggerruns.testkit;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fake server's token bucket, one per API key, like the live server's (Upstash
 * {@code tokenBucket}): it starts full with {@code burst} tokens, every request takes one, and every
 * whole {@code refillPeriod} adds {@code refillAmount} back, up to {@code burst}. Time comes from the
 * server's clock, so a {@link MutableClock} drives refills in tests.
 */
public final class RateLimit {
  private static final RateLimit UNLIMITED = new RateLimit(0, 0, Duration.ZERO, true);
  private static final RateLimit LIVE = new RateLimit(750, 250, Duration.ofSeconds(10), false);

  private final int burst;
  private final int refillAmount;
  private final Duration refillPeriod;
  private final boolean unlimited;

  private RateLimit(int burst, int refillAmount, Duration refillPeriod, boolean unlimited) {
    this.burst = burst;
    this.refillAmount = refillAmount;
    this.refillPeriod = refillPeriod;
    this.unlimited = unlimited;
  }

  /**
   * A bucket of {@code burst} tokens refilled by {@code refillAmount} every {@code refillPeriod}.
   */
  public static RateLimit of(int burst, int refillAmount, Duration refillPeriod) {
    if (burst < 1 || refillAmount < 1) {
      throw new IllegalArgumentException("burst and refillAmount must be positive");
    }
    Objects.requireNonNull(refillPeriod, "refillPeriod");
    if (refillPeriod.toMillis() < 1) {
      throw new IllegalArgumentException("refillPeriod must be at least 1 ms: " + refillPeriod);
    }
    return new RateLimit(burst, refillAmount, refillPeriod, false);
  }

  /** The live server's limit: burst 750, 250 tokens every 10 s (about 1,500 requests a minute). */
  public static RateLimit live() {
    return LIVE;
  }

  /**
   * No limit at all; responses then carry no {@code x-ratelimit-*} headers (there is no bucket to
   * describe).
   */
  public static RateLimit unlimited() {
    return UNLIMITED;
  }

  /** Bucket size, sent as {@code x-ratelimit-limit}; 0 when unlimited. */
  public int burst() {
    return burst;
  }

  /** Tokens added per {@link #refillPeriod()}; 0 when unlimited. */
  public int refillAmount() {
    return refillAmount;
  }

  /** The refill interval; zero when unlimited. */
  public Duration refillPeriod() {
    return refillPeriod;
  }

  /** Whether this is {@link #unlimited()}. */
  public boolean isUnlimited() {
    return unlimited;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RateLimit)) {
      return false;
    }
    RateLimit that = (RateLimit) o;
    return burst == that.burst
        && refillAmount == that.refillAmount
        && unlimited == that.unlimited
        && refillPeriod.equals(that.refillPeriod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(burst, refillAmount, refillPeriod, unlimited);
  }

  @Override
  public String toString() {
    return unlimited
        ? "RateLimit{unlimited}"
        : "RateLimit{burst=" + burst + ", refill " + refillAmount + " per " + refillPeriod + "}";
  }
}
