package io.github.triggerruns.testkit;

import static io.github.triggerruns.testkit.Http.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiVersionTest {
  static final Set<String> CURRENT =
      Set.of("DELAYED", "PENDING_VERSION", "QUEUED", "DEQUEUED", "EXECUTING", "WAITING",
          "COMPLETED", "CANCELED", "FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT");
  static final Map<String, String> ALL = params("filter[createdAt][from]", "1");

  static FakeTriggerServer server;

  @BeforeAll
  static void start() {
    server = FakeTriggerServer.builder().runs(300).clock(MutableClock.at(Runs.NOW)).build().start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static Set<String> statuses(List<JsonObject> items) {
    return items.stream().map(i -> i.get("status").getAsString()).collect(Collectors.toSet());
  }

  @Test
  void theCurrentVersionSeesExactlyThe13CurrentNames() {
    List<JsonObject> items = Http.to(server).all(ALL);

    assertThat(statuses(items)).isEqualTo(CURRENT);
  }

  @Test
  void withoutTheHeaderLegacyNamesAppear() {
    List<JsonObject> items = Http.to(server).header("x-trigger-api-version", null).all(ALL);

    assertThat(statuses(items))
        .contains("WAITING_FOR_DEPLOY", "FROZEN", "REATTEMPTING", "INTERRUPTED", "PENDING_VERSION")
        .doesNotContain("WAITING", "DEQUEUED");
  }

  @Test
  void anotherVersionIsTreatedAsLegacy() {
    List<JsonObject> items = Http.to(server).header("x-trigger-api-version", "2024-01-01").all(ALL);

    assertThat(statuses(items)).contains("FROZEN").doesNotContain("WAITING");
  }

  @Test
  void statusesAndBooleansMatchTheStoredRuns() {
    Map<String, FakeRun> runs =
        server.runs().stream().collect(Collectors.toMap(FakeRun::id, Function.identity()));

    for (JsonObject item : Http.to(server).all(ALL)) {
      FakeRun run = runs.get(item.get("id").getAsString());
      String status = item.get("status").getAsString();
      assertThat(status).isEqualTo(run.apiStatus());
      assertThat(item.get("isCompleted").getAsBoolean())
          .isEqualTo(Set.of("COMPLETED", "CANCELED", "FAILED", "CRASHED", "SYSTEM_FAILURE")
              .contains(status));
      assertThat(item.get("isSuccess").getAsBoolean()).isEqualTo(status.equals("COMPLETED"));
      assertThat(item.get("isWaiting").getAsBoolean()).isEqualTo(status.equals("WAITING"));
      assertThat(item.has("finishedAt")).isEqualTo(run.isTerminal());
    }
  }

  @Test
  void anUnknownFutureStatusIsPassedThrough() {
    try (FakeTriggerServer own =
        FakeTriggerServer.builder().runs(0).clock(MutableClock.at(Runs.NOW)).build().start()) {
      own.addRun(Runs.run("run_future_status", "QUANTUM_SUPERPOSITION", 1).build());

      JsonObject item = Http.to(own).get("").items().get(0);

      assertThat(item.get("status").getAsString()).isEqualTo("QUANTUM_SUPERPOSITION");
      assertThat(item.get("isCompleted").getAsBoolean()).isFalse();
    }
  }
}
