package io.github.triggerruns.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.triggerruns.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Upstash's fixedWindow arithmetic: windows aligned on the epoch, every request counted, remaining clamped. */
class FixedWindowsTest {
  // 10:00:25 UTC: 25 s into a one-minute window that resets at 10:01:00.
  private static final Instant START = Instant.parse("2025-07-20T10:00:25Z");
  private static final long RESET = Instant.parse("2025-07-20T10:01:00Z").toEpochMilli();

  private final MutableClock clock = MutableClock.at(START);
  private final FixedWindows windows = new FixedWindows(3, Duration.ofMinutes(1), clock);

  @Test
  void aWindowAllowsItsTokensThenRefusesUntilItEnds() {
    for (long remaining = 2; remaining >= 0; remaining--) {
      RateLimitDecision d = windows.take("a", true);
      assertThat(d.allowed()).isTrue();
      assertThat(d.limit()).isEqualTo(3);
      assertThat(d.remaining()).isEqualTo(remaining);
      assertThat(d.resetMs()).isEqualTo(RESET);
    }
    clock.advance(Duration.ofSeconds(34));
    RateLimitDecision refused = windows.take("a", true);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.resetMs()).isEqualTo(RESET);
    assertThat(refused.nowMs()).isEqualTo(RESET - 1_000);
  }

  @Test
  void theNextWindowStartsFromZeroHoweverManyWereRefused() {
    for (int i = 0; i < 10; i++) {
      windows.take("a", true);
    }
    clock.set(Instant.ofEpochMilli(RESET));
    RateLimitDecision fresh = windows.take("a", true);
    assertThat(fresh.allowed()).isTrue();
    assertThat(fresh.remaining()).isEqualTo(2);
    assertThat(fresh.resetMs()).isEqualTo(RESET + 60_000);
  }

  @Test
  void keysHaveSeparateWindows() {
    windows.take("a", true);
    windows.take("a", true);
    assertThat(windows.take("b", true).remaining()).isEqualTo(2);
    assertThat(windows.take("a", true).remaining()).isZero();
  }

  @Test
  void lookingDoesNotCount() {
    windows.take("a", true);
    RateLimitDecision look = windows.take("a", false);
    assertThat(look.allowed()).isTrue();
    assertThat(look.remaining()).isEqualTo(2);
    assertThat(windows.take("a", true).remaining()).isEqualTo(1);
  }

  @Test
  void anEmptyWindowIsRefused() {
    assertThatThrownBy(() -> new FixedWindows(0, Duration.ofMinutes(1), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
