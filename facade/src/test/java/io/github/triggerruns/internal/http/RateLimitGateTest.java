package io.github.triggerruns.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** What {@link RateLimitGate#latest()} reports when answers to concurrent calls are recorded out of order. */
class RateLimitGateTest {
  private final RateLimitGate gate = new RateLimitGate(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
      Duration.ofSeconds(30));

  private void answer(long remaining, long reset) {
    gate.record(Headers.of("x-ratelimit-limit", "750", "x-ratelimit-remaining", Long.toString(remaining),
        "x-ratelimit-reset", Long.toString(reset)));
  }

  @Test
  void withinOneRefillIntervalTheSmallestRemainingHolds() {
    answer(200, 10_000);
    answer(180, 10_000);
    answer(190, 10_000); // sent before the 180 one, recorded after it

    assertThat(gate.latest().remaining()).isEqualTo(180);
  }

  @Test
  void aLaterIntervalReplacesAnEarlierOneAndLateAnswersFromBeforeItAreIgnored() {
    answer(150, 10_000);
    answer(399, 20_000); // after the refill
    answer(151, 10_000); // from before the refill, recorded late

    assertThat(gate.latest().remaining()).isEqualTo(399);
    assertThat(gate.latest().resetMillis()).isEqualTo(20_000);
    assertThat(gate.latest().limit()).isEqualTo(750);
  }

  @Test
  void answersWithoutTheHeadersLeaveItUnknown() {
    gate.record(Headers.of("content-type", "application/json"));

    assertThat(gate.latest()).isNull();
  }
}
