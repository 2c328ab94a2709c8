package io.github.triggerruns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
  @Test
  void acceptTheDocumentedForms() {
    Converters.InstantConverter instants = new Converters.InstantConverter();
    assertThat(instants.convert("2024-04-01T00:00:00Z")).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
    assertThat(instants.convert("2024-04-01T02:00:00+02:00")).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
    assertThat(instants.convert("2024-04-01")).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));

    Converters.DurationConverter durations = new Converters.DurationConverter();
    assertThat(durations.convert("100ms")).isEqualTo(Duration.ofMillis(100));
    assertThat(durations.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(durations.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(durations.convert("1.5m")).isEqualTo(Duration.ofSeconds(90));
    assertThat(durations.convert("PT2S")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void refuseAnythingElseWithTheExpectedForm() {
    assertThatThrownBy(() -> new Converters.InstantConverter().convert("yesterday"))
        .isInstanceOf(TypeConversionException.class).hasMessageContaining("2024-04-01T00:00:00Z");
    assertThatThrownBy(() -> new Converters.DurationConverter().convert("2 seconds"))
        .isInstanceOf(TypeConversionException.class).hasMessageContaining("500ms");
    assertThatThrownBy(() -> new Converters.DurationConverter().convert("1h30"))
        .isInstanceOf(TypeConversionException.class);
  }
}
