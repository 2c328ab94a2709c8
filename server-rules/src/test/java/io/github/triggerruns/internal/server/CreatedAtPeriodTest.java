package io.github.triggerruns.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CreatedAtPeriodTest {
  private static final long NOW = 1_753_005_600_000L; // 2025-07-20T10:00:00Z

  static List<PeriodCases.Case> cases() {
    return PeriodCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isUsableExactlyForTheRowsTheClientSends(PeriodCases.Case c) {
    assertThat(CreatedAtPeriod.of(c.period()).isUsable()).isEqualTo(c.sent());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filtersUnlessParseDurationGivesNullZeroOrNaN(PeriodCases.Case c) {
    Double ms = c.parseDuration();
    boolean falsy = ms == null || ms == 0 || ms.isNaN();

    assertThat(CreatedAtPeriod.of(c.period()).filters()).isEqualTo(!falsy);
  }

  @Test
  void sinceIsNowMinusThePeriodTruncatedLikeAJavaScriptDate() {
    assertThat(CreatedAtPeriod.of("1d").since(NOW)).isEqualTo(NOW - 86_400_000L);
    assertThat(CreatedAtPeriod.of("1us").since(NOW)).isEqualTo(NOW - 1);
    assertThat(CreatedAtPeriod.of("-1d").since(NOW)).isEqualTo(NOW + 86_400_000L);
    assertThat(CreatedAtPeriod.of("56y").since(NOW)).isEqualTo(NOW - 56 * 31_557_600_000L);
  }

  @Test
  void sinceIsNaNWhereTheStartIsNoJavaScriptDate() {
    assertThat(CreatedAtPeriod.of("1e999d").since(NOW)).isNaN();
    assertThat(CreatedAtPeriod.of("300000y").since(NOW)).isNaN();
  }
}
