package io.github.triggerruns.testkit;

import static io.github.triggerruns.testkit.Http.params;
import static io.github.triggerruns.testkit.Runs.NOW;
import static io.github.triggerruns.testkit.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeWindowTest {
  static final MutableClock clock = MutableClock.at(NOW);
  static FakeTriggerServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = FakeTriggerServer.builder().runs(0).clock(clock).build().start();
    server.addRun(run("run_future", "QUEUED", Duration.ofHours(-1)).build());
    server.addRun(run("run_1min", "QUEUED", Duration.ofMinutes(1)).build());
    server.addRun(run("run_6d", "COMPLETED", Duration.ofDays(6)).build());
    server.addRun(run("run_8d", "COMPLETED", Duration.ofDays(8)).build());
    server.addRun(run("run_20d", "COMPLETED", Duration.ofDays(20)).build());
    http = Http.to(server);
  }

  @AfterEach
  void resetClock() {
    clock.set(NOW);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static List<String> ids(String... keyValues) {
    Http.Resp r = http.get(params(keyValues));
    assertThat(r.status).as(r.body).isEqualTo(200);
    return r.ids();
  }

  private static String ms(Duration ago) {
    return Long.toString(NOW.minus(ago).toEpochMilli());
  }

  @Test
  void withoutAnyTimeFilterOnlyTheLastSevenDaysAreListed() {
    assertThat(ids()).containsExactly("run_future", "run_1min", "run_6d");
  }

  @Test
  void theDefaultWindowMovesWithTheClock() {
    clock.advance(Duration.ofDays(2));

    assertThat(ids()).containsExactly("run_future", "run_1min");
  }

  @Test
  void fromAndToAreInclusiveEpochMilliseconds() {
    assertThat(ids("filter[createdAt][from]", ms(Duration.ofDays(8)),
        "filter[createdAt][to]", ms(Duration.ofDays(6))))
        .containsExactly("run_6d", "run_8d");
    assertThat(ids("filter[createdAt][from]", ms(Duration.ofDays(30))))
        .containsExactly("run_future", "run_1min", "run_6d", "run_8d", "run_20d");
  }

  @ParameterizedTest(name = "from={0}")
  @ValueSource(strings = {"0", "0.5", "", "1970-01-01T00:00:00Z", "1970-01-01"})
  void aFromAtTheEpochCountsAsAbsentSoTheSevenDayDefaultApplies(String epoch) {
    assertThat(ids("filter[createdAt][from]", epoch)).containsExactly("run_future", "run_1min", "run_6d");
  }

  @Test
  void oneMillisecondAfterTheEpochIsABoundTheServerHonours() {
    assertThat(ids("filter[createdAt][from]", "1"))
        .containsExactly("run_future", "run_1min", "run_6d", "run_8d", "run_20d");
  }

  @Test
  void aToAtTheEpochCountsAsAbsent() {
    assertThat(ids("filter[createdAt][to]", "0")).containsExactly("run_future", "run_1min", "run_6d");
    assertThat(ids("filter[createdAt][to]", "-1")).isEmpty();
  }

  @Test
  void withFromAtTheEpochOnlyToBoundsTheWindow() {
    assertThat(ids("filter[createdAt][from]", "0", "filter[createdAt][to]", ms(Duration.ofDays(7))))
        .containsExactly("run_8d", "run_20d");
  }

  @Test
  void isoDatesWorkToo() {
    assertThat(ids("filter[createdAt][from]", "2025-07-11T00:00:00Z",
        "filter[createdAt][to]", "2025-07-15"))
        .containsExactly("run_6d", "run_8d");
  }

  @Test
  void epochSecondsLandIn1970() {
    String seconds = Long.toString(NOW.minus(Duration.ofDays(1)).getEpochSecond());

    assertThat(ids("filter[createdAt][to]", seconds)).isEmpty();
  }

  @Test
  void toIsClampedToNow() {
    String inTwoHours = Long.toString(NOW.plus(Duration.ofHours(2)).toEpochMilli());

    assertThat(ids("filter[createdAt][from]", "0", "filter[createdAt][to]", inTwoHours))
        .containsExactly("run_1min", "run_6d", "run_8d", "run_20d");
  }

  @Test
  void anInvalidDateIs400() {
    Http.Resp r = http.get(params("filter[createdAt][to]", "last tuesday"));

    assertThat(r.status).isEqualTo(400);
    assertThat(r.body)
        .isEqualTo(
            "{\"error\":\"Query Error\",\"details\":[{\"code\":\"invalid_date\","
                + "\"message\":\"Invalid date\",\"path\":[\"filter[createdAt][to]\"]}]}");
  }

  @ParameterizedTest(name = "period {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1d        | run_future,run_1min",
        "1M        | run_future,run_1min",
        "59s       | run_future",
        "1h30m     | run_future,run_1min",
        "1.5h      | run_future,run_1min",
        "7 days    | run_future,run_1min,run_6d",
        "2W        | run_future,run_1min,run_6d,run_8d",
        "1mo       | run_future,run_1min,run_6d,run_8d,run_20d",
        "1Hour     | run_future,run_1min",
      })
  void periodsFollowParseDuration(String period, String expected) {
    assertThat(ids("filter[createdAt][period]", period)).containsExactly(expected.split(","));
  }

  @Test
  void aValidPeriodWinsOverFromAndTo() {
    assertThat(ids("filter[createdAt][period]", "1d", "filter[createdAt][from]", "0",
        "filter[createdAt][to]", ms(Duration.ofDays(10))))
        .containsExactly("run_future", "run_1min");
  }

  @Test
  void anUnparseablePeriodSilentlyRemovesTheWholeTimeFilter() {
    List<String> all = List.of("run_future", "run_1min", "run_6d", "run_8d", "run_20d");

    assertThat(ids("filter[createdAt][period]", "soon")).containsExactlyElementsOf(all);
    assertThat(ids("filter[createdAt][period]", "0d", "filter[createdAt][from]",
        ms(Duration.ofDays(1)))).containsExactlyElementsOf(all);
  }
}
