package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ErrorDetailTest {
  private final ErrorDetail detail =
      new ErrorDetail("custom", "Invalid status values: FOO", Collections.singletonList("filter[status]"));

  @Test
  void detailsWithTheSameCodeMessageAndPathAreEqual() {
    ErrorDetail same = new ErrorDetail("custom", "Invalid status values: FOO", Arrays.asList("filter[status]"));

    assertThat(detail).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(Collections.singleton(detail)).contains(same);
  }

  @Test
  void anyDifferingPartMakesThemDifferent() {
    assertThat(detail)
        .isNotEqualTo(new ErrorDetail("too_big", "Invalid status values: FOO", Collections.singletonList("filter[status]")))
        .isNotEqualTo(new ErrorDetail("custom", "Invalid status values: BAR", Collections.singletonList("filter[status]")))
        .isNotEqualTo(new ErrorDetail("custom", "Invalid status values: FOO", Collections.singletonList("page[size]")))
        .isNotEqualTo(new ErrorDetail("custom", "Invalid status values: FOO", Collections.emptyList()))
        .isNotEqualTo(null)
        .isNotEqualTo("filter[status]: Invalid status values: FOO (custom)");
  }

  @Test
  void toStringShowsWhereWhatAndTheCode() {
    assertThat(detail).hasToString("filter[status]: Invalid status values: FOO (custom)");
  }
}
