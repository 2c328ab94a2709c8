package io.github.triggerruns.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.github.triggerruns.internal.server.PeriodCases;
import io.github.triggerruns.testkit.FakeRun;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fake server's {@code filter[createdAt][period]} against the shared table of what parse-duration returns,
 * applied as the webapp applies it. Every request also sends from/to around the epoch's first milliseconds,
 * which a period (even one that reads as nothing) replaces.
 */
class PeriodFilterTest {
  private static final Instant NOW = Instant.parse("2025-07-20T10:00:00Z");
  private static final long NOW_MS = NOW.toEpochMilli();

  static List<PeriodCases.Case> cases() {
    return PeriodCases.all();
  }

  private static Predicate<FakeRun> filter(String period) {
    String query = "filter[createdAt][period]=" + URLEncoder.encode(period, StandardCharsets.UTF_8)
        + "&filter[createdAt][from]=1&filter[createdAt][to]=2";
    List<JsonObject> issues = new ArrayList<>();
    Predicate<FakeRun> filter = RunFilter.parse(QueryParams.parse(query), NOW_MS, issues);
    assertThat(issues).isEmpty();
    return filter;
  }

  private static FakeRun createdAt(long epochMs) {
    Instant created = Instant.ofEpochMilli(epochMs);
    return FakeRun.builder().id("run_" + epochMs).status("COMPLETED").taskIdentifier("t")
        .createdAt(created).updatedAt(created).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void listsWhatTheLiveServerLists(PeriodCases.Case c) {
    Predicate<FakeRun> filter = filter(c.period());
    Double ms = c.parseDuration();
    FakeRun inFromTo = createdAt(1);

    if (ms == null || ms == 0 || ms.isNaN()) {
      // if (period) is false: no time filter at all, not even from/to or the 7-day default.
      assertThat(filter).accepts(createdAt(NOW_MS), createdAt(NOW.minus(Duration.ofDays(30)).toEpochMilli()),
          inFromTo);
      return;
    }
    double since = NOW_MS - ms;
    if (Double.isNaN(since) || Math.abs(since) > 8.64e15) {
      // new Date(...) is Invalid Date: the live query fails; here nothing matches.
      assertThat(filter).rejects(createdAt(NOW_MS), inFromTo);
      return;
    }
    long first = (long) since; // new Date(x).getTime() truncates toward zero
    assertThat(filter).accepts(createdAt(first)).rejects(createdAt(first - 1));
    if (first > 1) {
      assertThat(filter).rejects(inFromTo);
    }
  }
}
