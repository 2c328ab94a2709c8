package io.github.triggerruns.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ParseDurationTest {
  static List<PeriodCases.Case> cases() {
    return PeriodCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void returnsWhatParseDurationReturns(PeriodCases.Case c) {
    Double parsed = ParseDuration.parse(c.period());

    if (c.parseDuration() == null) {
      assertThat(parsed).isNull();
    } else {
      // Bit for bit, NaN and infinities included: the port does the package's arithmetic in its order.
      assertThat(parsed).isNotNull();
      assertThat(Double.doubleToLongBits(parsed)).as("%s", parsed)
          .isEqualTo(Double.doubleToLongBits(c.parseDuration()));
    }
  }

  @Test
  void theTableCoversEveryKindOfResult() {
    assertThat(cases()).extracting(PeriodCases.Case::parseDuration)
        .contains(null, 0.0, Double.NaN, Double.POSITIVE_INFINITY, -86_400_000.0, 0.001);
  }

  @Test
  void durationRoundsToMillisecondsAndIsNullWhereNothingIsRead() {
    assertThat(ParseDuration.duration("1h42m")).isEqualTo(Duration.ofMinutes(102));
    assertThat(ParseDuration.duration("1.0006s")).isEqualTo(Duration.ofMillis(1001));
    assertThat(ParseDuration.duration("0s")).isEqualTo(Duration.ZERO);
    assertThat(ParseDuration.duration("soon")).isNull();
    assertThat(ParseDuration.duration("1group")).isNull();
    assertThat(ParseDuration.duration("1e999d")).isNull();
  }
}
