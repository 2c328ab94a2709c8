package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.triggerruns.internal.server.PeriodCases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Input the server would reject or silently misread is refused before any request, saying what to change. */
class ValidationTest {

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101, 1000})
  void pageSizeOutsideOneToHundredIsRefused(int size) {
    assertThatThrownBy(() -> PageRequest.ofSize(size)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(String.valueOf(size)).hasMessageContaining("1 to 100");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 25, 100})
  void pageSizeWithinBoundsIsKept(int size) {
    assertThat(PageRequest.ofSize(size).getSize()).isEqualTo(size);
  }

  static List<PeriodCases.Case> periodsTheServerUses() {
    return PeriodCases.sent();
  }

  static List<PeriodCases.Case> periodsTheServerCannotUse() {
    return PeriodCases.rejected();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("periodsTheServerUses")
  void periodsTheServerFiltersOnAreSentAsGiven(PeriodCases.Case c) {
    assertThat(RunFilter.builder().period(c.period()).build().getPeriod()).isEqualTo(c.period());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("periodsTheServerCannotUse")
  void periodsTheServerCannotUseAreRefusedBeforeAnyRequest(PeriodCases.Case c) {
    assertThatThrownBy(() -> RunFilter.builder().period(c.period()).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("period");
  }

  @Test
  void anEmptyPeriodIsRefusedAsBlank() {
    assertThatThrownBy(() -> RunFilter.builder().period("").build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("leave it unset");
  }

  @Test
  void aZeroPeriodIsRefusedBecauseTheServerWouldListEveryRun() {
    // The server reads 0d as no period at all, and a period replaces from and to: every run, all time.
    assertThatThrownBy(() -> RunFilter.builder().period("0d").build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("silently drop the whole time filter and list every run");
  }

  @Test
  void aNegativePeriodIsRefusedBecauseItMatchesNothing() {
    assertThatThrownBy(() -> RunFilter.builder().period("-1d").build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("start in the future");
  }

  @Test
  void periodAndExplicitDatesTogetherAreRefused() {
    assertThatThrownBy(() -> RunFilter.builder().period("1d").createdFrom(Instant.EPOCH).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("either period");
  }

  @Test
  void fromAfterToIsRefused() {
    assertThatThrownBy(() -> RunFilter.builder().createdFrom(Instant.parse("2024-02-01T00:00:00Z"))
        .createdTo(Instant.parse("2024-01-01T00:00:00Z")).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Swap");
  }

  @Test
  void aCommaInsideAListValueIsRefusedBecauseTheServerWouldSplitIt() {
    assertThatThrownBy(() -> RunFilter.builder().tags("a,b").build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("comma").hasMessageContaining("a,b");
    assertThatThrownBy(() -> RunFilter.builder().statuses(RunStatus.of("QUEUED,FAILED")).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("statuses");
  }

  @Test
  void blankValuesAreRefused() {
    assertThatThrownBy(() -> RunFilter.builder().taskIdentifiers("ok", " ").build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("taskIdentifiers cannot be blank");
    assertThatThrownBy(() -> RunFilter.builder().batch("").build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("batch");
    assertThatThrownBy(() -> PageRequest.defaults().after(" "))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cursor");
    assertThatThrownBy(() -> RunStatus.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theHiddenSevenDayWindowIsVisibleAndAllTimeLiftsIt() {
    assertThat(RunFilter.defaults().usesDefaultWindow()).isTrue();
    assertThat(RunFilter.defaults().toString()).contains("last 7 days");
    assertThat(RunFilter.allTime().usesDefaultWindow()).isFalse();
    assertThat(RunFilter.allTime().getCreatedFrom()).isEqualTo(Instant.EPOCH);
    assertThat(RunFilter.builder().period("1d").allTime().build().getPeriod()).isNull();
  }

  @Test
  void aRequestHoldsExactlyOneCursor() {
    PageRequest request = PageRequest.ofSize(10).after("a").before("b");
    assertThat(request.getAfter()).isNull();
    assertThat(request.getBefore()).isEqualTo("b");
    assertThat(request.after("c").getBefore()).isNull();
    assertThat(request.first()).isEqualTo(PageRequest.ofSize(10));
  }

  @Test
  void filtersAreValuesThatCanBeDerived() {
    RunFilter filter = RunFilter.builder().tags("x").isTest(true).build();
    assertThat(filter.toBuilder().build()).isEqualTo(filter).hasSameHashCodeAs(filter);
    assertThat(filter.toBuilder().tags("y").build()).isNotEqualTo(filter);
  }
}
