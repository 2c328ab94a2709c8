package io.github.triggerruns.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CursorTest {
  // From a live response page: {"c":1721469600000,"r":"run_future"}.
  static final String LIVE_NEXT = "eyJjIjoxNzIxNDY5NjAwMDAwLCJyIjoicnVuX2Z1dHVyZSJ9";

  @Test
  void encodesExactlyLikeTheLiveServer() {
    assertThat(Cursor.of(1721469600000L, "run_future").encode()).isEqualTo(LIVE_NEXT);
  }

  @Test
  void decodesLiveCursorsWithOrWithoutPadding() {
    assertThat(Cursor.decode(LIVE_NEXT)).contains(Cursor.of(1721469600000L, "run_future"));
    assertThat(Cursor.decode(LIVE_NEXT + "==")).contains(Cursor.of(1721469600000L, "run_future"));
  }

  @Test
  void rejectsWhatIsNotACursor() {
    assertThat(Cursor.decode("run_abc")).isEmpty();
    assertThat(Cursor.decode("!!!")).isEmpty();
    assertThat(Cursor.decode("eyJjIjoiYSIsInIiOiJ4In0")).as("{\"c\":\"a\",\"r\":\"x\"}").isEmpty();
    assertThat(Cursor.decode("eyJjIjoxLjUsInIiOiJ4In0")).as("{\"c\":1.5,\"r\":\"x\"}").isEmpty();
    assertThat(Cursor.decode("WzFd")).as("[1]").isEmpty();
  }

  @Test
  void theSkipCounterKeepsThePosition() {
    Cursor c = Cursor.of(5, "run_a");
    Cursor skipped = Cursor.decode(c.skipped().encode()).orElseThrow();

    assertThat(skipped.samePosition(c)).isTrue();
    assertThat(skipped.skips()).isEqualTo(1);
    assertThat(Cursor.LIST_ORDER.compare(skipped, c)).isZero();
  }

  @Test
  void listOrderIsNewestFirstThenIdDescending() {
    assertThat(Cursor.LIST_ORDER.compare(Cursor.of(2, "run_a"), Cursor.of(1, "run_z"))).isNegative();
    assertThat(Cursor.LIST_ORDER.compare(Cursor.of(1, "run_b"), Cursor.of(1, "run_a"))).isNegative();
  }
}
