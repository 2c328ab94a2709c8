package io.github.triggerruns.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationGrammarTest {
  static final double S = 1000;
  static final double M = 60 * S;
  static final double H = 60 * M;
  static final double D = 24 * H;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "500ms        | 500",
        "90s          | 90000",
        "2 sec        | 2000",
        "3seconds     | 3000",
        "5m           | 300000",
        "1M           | 60000",
        "10 minutes   | 600000",
        "1min         | 60000",
        "2h           | 7200000",
        "1hr          | 3600000",
        "3 Hours      | 10800000",
        "1.5h         | 5400000",
        "1h30m        | 5400000",
        "1h30         | 5400000",
        "1d           | 86400000",
        "2 days       | 172800000",
        "1w           | 604800000",
        "2wk          | 1209600000",
        "1 week       | 604800000",
        "1mo          | 2629800000",
        "1mth         | 2629800000",
        "2 months     | 5259600000",
        "1y           | 31557600000",
        "1yr          | 31557600000",
        "1 YEAR       | 31557600000",
        "1_000ms      | 1000",
        "250          | 250",
        ".5d          | 43200000",
      })
  void parses(String text, double expectedMs) {
    assertThat(DurationGrammar.parseMillis(text)).hasValue(expectedMs);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "d", "1 fortnight", "1x", "0d", "0"})
  void doesNotParse(String text) {
    assertThat(DurationGrammar.parseMillis(text)).isEmpty();
  }
}
