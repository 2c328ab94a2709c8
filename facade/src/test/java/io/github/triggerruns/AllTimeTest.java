package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.MutableClock;
import io.github.triggerruns.testkit.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The epoch as a time bound, against the testkit, which reads a bound of 0 ms as no bound as the live
 * server does: {@link RunFilter#allTime()} must still list runs older than the hidden 7-day window.
 */
class AllTimeTest {
  private static final Instant NOW = Instant.parse("2025-07-20T10:00:00Z");
  private static FakeTriggerServer server;
  private static TriggerRuns client;

  @BeforeAll
  static void start() {
    server = FakeTriggerServer.builder().runs(0).clock(MutableClock.at(NOW)).rateLimit(RateLimit.unlimited())
        .build().start();
    server.addRun(run("run_1d", Duration.ofDays(1)));
    server.addRun(run("run_40d", Duration.ofDays(40)));
    server.addRun(run("run_2000d", Duration.ofDays(2000)));
    client = TestClients.newClient(server.baseUrl()).secretKey(server.secretKey()).build();
  }

  private static FakeRun run(String id, Duration age) {
    Instant created = NOW.minus(age);
    return FakeRun.builder().id(id).status("COMPLETED").taskIdentifier("send-email").createdAt(created)
        .updatedAt(created).build();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static List<String> ids(RunFilter filter) {
    List<String> ids = new ArrayList<>();
    for (Run run : client.runs().iterate(filter)) {
      ids.add(run.getId());
    }
    return ids;
  }

  @Test
  void allTimeListsRunsOlderThanSevenDays() {
    assertThat(ids(RunFilter.allTime())).containsExactly("run_1d", "run_40d", "run_2000d");
    assertThat(ids(RunFilter.builder().allTime().build())).containsExactly("run_1d", "run_40d", "run_2000d");
  }

  @Test
  void createdFromAtTheEpochMeansSinceTheEpoch() {
    assertThat(ids(RunFilter.builder().createdFrom(Instant.EPOCH).build()))
        .containsExactly("run_1d", "run_40d", "run_2000d");
  }

  @Test
  void createdToAtTheEpochMatchesNothing() {
    assertThat(ids(RunFilter.builder().createdTo(Instant.EPOCH).build())).isEmpty();
  }

  @Test
  void withoutABoundTheServersSevenDayWindowApplies() {
    assertThat(ids(RunFilter.defaults())).containsExactly("run_1d");
  }
}
