package io.github.triggerruns.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsDatesTest {
  @Test
  void numbersAreEpochMilliseconds() {
    assertThat(JsDates.coerce("1721469600000")).hasValue(1721469600000L);
    assertThat(JsDates.coerce(" 12.9 ")).hasValue(12);
    assertThat(JsDates.coerce("")).hasValue(0);
    assertThat(JsDates.coerce("1e3")).hasValue(1000);
  }

  @Test
  void isoAndRfc1123DatesAreUtc() {
    assertThat(JsDates.coerce("2024-07-20T10:00:00Z")).hasValue(1721469600000L);
    assertThat(JsDates.coerce("2024-07-20T12:00:00.000+02:00")).hasValue(1721469600000L);
    assertThat(JsDates.coerce("2024-07-20T10:00:00")).hasValue(1721469600000L);
    assertThat(JsDates.coerce("2024-07-20")).hasValue(1721433600000L);
    assertThat(JsDates.coerce("Sat, 20 Jul 2024 10:00:00 GMT")).hasValue(1721469600000L);
  }

  @Test
  void anythingElseIsAnInvalidDate() {
    assertThat(JsDates.coerce("yesterday")).isEmpty();
    assertThat(JsDates.coerce("Infinity")).isEmpty();
    assertThat(JsDates.coerce("9e15")).isEmpty();
  }
}
