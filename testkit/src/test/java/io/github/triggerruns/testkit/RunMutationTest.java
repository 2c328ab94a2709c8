package io.github.triggerruns.testkit;

import static io.github.triggerruns.testkit.Http.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunMutationTest {
  MutableClock clock;
  FakeTriggerServer server;
  Http http;

  @BeforeEach
  void start() {
    clock = MutableClock.at(Runs.NOW);
    server = FakeTriggerServer.builder().runs(20).clock(clock).build().start();
    http = Http.to(server);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aGeneratedRunAddedNowIsListedFirst() {
    clock.advance(Duration.ofMinutes(5));

    FakeRun added = server.addRun();

    assertThat(added.createdAt()).isEqualTo(clock.instant());
    assertThat(added.status()).isEqualTo("QUEUED");
    assertThat(added.id()).matches("run_[0-9a-z]{20}");
    assertThat(http.get("").ids().get(0)).isEqualTo(added.id());
    assertThat(server.runs()).hasSize(21).first().isEqualTo(added);
  }

  @Test
  void anAddedRunGetsTheServersEnvironment() {
    FakeRun stored = server.addRun(Runs.run("run_mine", "EXECUTING", 1).tags("mine").build());

    assertThat(stored.envId()).isEqualTo(server.runs().get(1).envId());
    JsonObject item = http.get(params("filter[tag]", "mine")).items().get(0);
    assertThat(item.getAsJsonObject("env").get("name").getAsString()).isEqualTo("dev");
    assertThat(item.get("isExecuting").getAsBoolean()).isTrue();
  }

  @Test
  void duplicateIdsAreRejected() {
    String id = server.runs().get(0).id();

    assertThatThrownBy(() -> server.addRun(Runs.run(id, "QUEUED", 1).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updatesAreVisibleToTheNextRequest() {
    FakeRun run = server.addRun(Runs.run("run_x", "QUEUED", 1).build());

    server.updateRun(run.id(), b -> b.tags("late tag").metadata(Map.of("step", "two")));

    JsonObject item = http.get(params("filter[tag]", "late tag")).items().get(0);
    assertThat(item.get("id").getAsString()).isEqualTo("run_x");
    assertThat(item.getAsJsonObject("metadata").get("step").getAsString()).isEqualTo("two");
  }

  @Test
  void setStatusMovesARunLikeTheLiveServer() {
    server.addRun(Runs.run("run_y", "EXECUTING", 10).startedAt(Runs.NOW.minusSeconds(590)).build());
    clock.advance(Duration.ofSeconds(30));

    FakeRun done = server.setStatus("run_y", "COMPLETED");

    assertThat(done.updatedAt()).isEqualTo(clock.instant());
    assertThat(done.finishedAt()).isEqualTo(clock.instant());
    JsonObject item = http.get(params("filter[status]", "COMPLETED", "page[size]", "100")).items()
        .stream().filter(i -> i.get("id").getAsString().equals("run_y")).findFirst().orElseThrow();
    assertThat(item.get("isCompleted").getAsBoolean()).isTrue();
    assertThat(item.get("finishedAt").getAsString()).isEqualTo("2025-07-20T10:00:30.000Z");

    FakeRun again = server.setStatus("run_y", "QUEUED");
    assertThat(again.finishedAt()).isNull();
  }

  @Test
  void updatingAnUnknownRunFails() {
    assertThatThrownBy(() -> server.setStatus("run_nope", "COMPLETED"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.updateRun(server.runs().get(0).id(), b -> b.id("run_other")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runsIsASnapshot() {
    List<FakeRun> before = server.runs();
    server.addRun();

    assertThat(before).hasSize(20);
    assertThatThrownBy(() -> before.add(before.get(0))).isInstanceOf(UnsupportedOperationException.class);
  }
}
