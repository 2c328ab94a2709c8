package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link WatchOptions}: defaults, validation, and changed copies through {@link WatchOptions#toBuilder()}. */
class WatchOptionsTest {
  private static final Instant SINCE = Instant.parse("2025-07-20T10:00:00Z");

  /** Every setting away from its default. */
  private static final WatchOptions CUSTOM = WatchOptions.builder()
      .pollInterval(Duration.ofSeconds(7))
      .stopWhenAllFinished(true)
      .since(SINCE)
      .maxConsecutiveFailures(2)
      .build();

  @Test
  void defaults() {
    WatchOptions defaults = WatchOptions.defaults();

    assertThat(defaults.getPollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(defaults.isStopWhenAllFinished()).isFalse();
    assertThat(defaults.getMaxConsecutiveFailures()).isEqualTo(5);
    assertThat(defaults.getLookback()).isNull();
    assertThat(defaults.getSince()).isNull();
  }

  @Test
  void outOfRangeValuesSayWhatToChange() {
    assertThatThrownBy(() -> WatchOptions.builder().pollInterval(Duration.ofMillis(50)).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least 100 ms");
    assertThatThrownBy(() -> WatchOptions.builder().lookback(Duration.ZERO).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> WatchOptions.builder().lookback(Duration.ofHours(1)).since(SINCE).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> WatchOptions.builder().maxConsecutiveFailures(0).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1 or more");
  }

  @Test
  void toBuilderStartsFromEverySettingOfTheseOptions() {
    assertThat(CUSTOM.toBuilder().build()).isEqualTo(CUSTOM).isNotEqualTo(WatchOptions.defaults());
    assertThat(WatchOptions.defaults().toBuilder().build()).isEqualTo(WatchOptions.defaults());
  }

  @Test
  void aCopyChangesOnlyWhatItsBuilderSets() {
    WatchOptions faster = CUSTOM.toBuilder().pollInterval(Duration.ofSeconds(1)).build();

    assertThat(faster.getPollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(faster.isStopWhenAllFinished()).isTrue();
    assertThat(faster.getSince()).isEqualTo(SINCE);
    assertThat(faster.getLookback()).isNull();
    assertThat(faster.getMaxConsecutiveFailures()).isEqualTo(2);
    assertThat(CUSTOM.getPollInterval()).as("the original is unchanged").isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aCopyIsValidatedLikeAnyOptions() {
    assertThatThrownBy(() -> CUSTOM.toBuilder().lookback(Duration.ofMinutes(5)).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not both");
  }
}
