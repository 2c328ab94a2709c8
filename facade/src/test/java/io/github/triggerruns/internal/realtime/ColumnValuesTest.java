package io.github.triggerruns.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ColumnValuesTest {
  private static final Instant AT = Instant.parse("2025-07-20T10:30:01.234Z");

  @Test
  void aTimestampWithoutZoneIsUtc() {
    assertThat(ColumnValues.timestamp("2025-07-20T10:30:01.234")).isEqualTo(AT);
  }

  @Test
  void postgresTextTimestampsWithASpaceAndShortOffsetsAreRead() {
    assertThat(ColumnValues.timestamp("2025-07-20 10:30:01.234")).isEqualTo(AT);
    assertThat(ColumnValues.timestamp("2025-07-20 12:30:01.234+02")).isEqualTo(AT);
    assertThat(ColumnValues.timestamp("2025-07-20T08:30:01.234-02:00")).isEqualTo(AT);
    assertThat(ColumnValues.timestamp("2025-07-20T10:30:01.234Z")).isEqualTo(AT);
  }

  @Test
  void anAbsentTimestampIsNull() {
    assertThat(ColumnValues.timestamp(null)).isNull();
    assertThat(ColumnValues.timestamp("")).isNull();
  }

  @Test
  void arrayLiteralsQuotedUnquotedAndEscaped() {
    assertThat(ColumnValues.array("{\"user:1\",\"a,b\",\"say \\\"hi\\\"\",\"back\\\\slash\"}"))
        .containsExactly("user:1", "a,b", "say \"hi\"", "back\\slash");
    assertThat(ColumnValues.array("{plain, two ,NULL}")).containsExactly("plain", "two");
    assertThat(ColumnValues.array("{\"NULL\"}")).containsExactly("NULL");
    assertThat(ColumnValues.array("{}")).isEmpty();
    assertThat(ColumnValues.array(null)).isEmpty();
  }

  @Test
  void notAnArrayLiteralIsRefused() {
    assertThatThrownBy(() -> ColumnValues.array("[\"a\"]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ColumnValues.array("{\"open}")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void booleansAndNumbers() {
    assertThat(ColumnValues.bool("t")).isTrue();
    assertThat(ColumnValues.bool("f")).isFalse();
    assertThat(ColumnValues.bool(null)).isNull();
    assertThat(ColumnValues.integer("42")).isEqualTo(42L);
    assertThat(ColumnValues.decimal("0.0035")).isEqualTo(0.0035);
    assertThat(ColumnValues.decimal(null)).isNull();
  }
}
