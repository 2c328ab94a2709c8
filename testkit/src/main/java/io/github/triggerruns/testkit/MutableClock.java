package io.github.triggerruns.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, so time-dependent behaviour (the 7-day
 * default window, periods, rate-limit refills, {@code x-ratelimit-reset}) is exact and needs no
 * sleeping. Thread-safe: the server reads it on its request threads while the test advances it.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2025-07-20T10:00:00Z"));
 * FakeTriggerServer server = FakeTriggerServer.builder().clock(clock).build();
 * clock.advance(Duration.ofSeconds(10));
 * }</pre>
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock showing {@code instant} in UTC until moved. */
  public static MutableClock at(Instant instant) {
    return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant)), ZoneOffset.UTC);
  }

  /** Moves the clock to {@code instant} (backwards too). */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant));
  }

  /** Moves the clock forward by {@code duration} and returns the new time. */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration);
    return now.updateAndGet(t -> t.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that shares this clock's time (moving one moves both). */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now, Objects.requireNonNull(newZone));
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
