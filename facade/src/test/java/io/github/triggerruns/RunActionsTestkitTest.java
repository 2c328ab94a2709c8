package io.github.triggerruns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultPlan;
import io.github.triggerruns.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** retrieve, cancel, replay and reschedule against the testkit's live semantics, faults included. */
class RunActionsTestkitTest {
  private final MutableClock clock = MutableClock.at(FakeTime.START);
  private FakeTriggerServer server;
  private TriggerRuns client;
  private final FakeTime time = new FakeTime();

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(40).clock(clock).build().start();
    client = TestClients.newClient(server.baseUrl(), time).secretKey(server.secretKey()).build();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void detailsAgreeWithWhatListShows() {
    for (Run listed : client.runs().list(RunFilter.allTime(), PageRequest.ofSize(100)).getData()) {
      RunDetails details = client.runs().retrieve(listed.getId());
      assertThat(details.getStatus()).isEqualTo(listed.getStatus());
      assertThat(details.getTaskIdentifier()).isEqualTo(listed.getTaskIdentifier());
      assertThat(details.getCreatedAt()).isEqualTo(listed.getCreatedAt());
      assertThat(details.getUpdatedAt()).isEqualTo(listed.getUpdatedAt());
      assertThat(details.getFinishedAt()).isEqualTo(listed.getFinishedAt());
      assertThat(details.getTags()).isEqualTo(listed.getTags());
      assertThat(details.getTtl()).isEqualTo(listed.getTtl());
    }
  }

  @Test
  void anUnknownRunIsNotFoundAfterTheRetriesTheServerAsksFor() {
    assertThatThrownBy(() -> client.runs().retrieve("run_doesnotexist")).isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(((NotFoundException) e).getHeader("x-should-retry")).isEqualTo("true"));
    assertThat(server.requestCount()).isEqualTo(5);
    assertThatThrownBy(() -> client.runs().cancel("run_doesnotexist")).isInstanceOf(NotFoundException.class)
        .hasMessageContaining("Resource not found");
    assertThatThrownBy(() -> client.runs().replay("run_doesnotexist")).isInstanceOf(NotFoundException.class);
    assertThat(server.requestCount()).isEqualTo(7);
  }

  @Test
  void cancelIsIdempotentAndFinishesTheRun() {
    String queued = server.addRun().id();

    client.runs().cancel(queued);
    Instant finished = client.runs().retrieve(queued).getFinishedAt();
    clock.advance(Duration.ofMinutes(1));
    client.runs().cancel(queued);

    RunDetails after = client.runs().retrieve(queued);
    assertThat(after.getStatus()).isSameAs(RunStatus.CANCELED);
    assertThat(after.getFinishedAt()).isEqualTo(finished).isNotNull();
  }

  @Test
  void aReplayIsANewRunThatListShows() {
    FakeRun original = server.runs().get(3);
    clock.advance(Duration.ofSeconds(1));

    String replayed = client.runs().replay(original.id());

    assertThat(replayed).isNotEqualTo(original.id()).startsWith("run_");
    Run newest = client.runs().list(RunFilter.allTime()).getData().get(0);
    assertThat(newest.getId()).isEqualTo(replayed);
    assertThat(newest.getTaskIdentifier()).isEqualTo(original.taskIdentifier());
    assertThat(newest.getStatus()).isSameAs(RunStatus.QUEUED);
  }

  @Test
  void aReplayAnsweredWithAFaultIsSentOnceAndARateLimitedOneAgain() {
    String id = server.runs().get(0).id();
    int before = server.runs().size();
    server.faults(FaultPlan.scripted(Map.of(1, Fault.HTTP_500, 2, Fault.CONNECTION_RESET, 3, Fault.HTTP_429)));

    assertThatThrownBy(() -> client.runs().replay(id)).isInstanceOf(ServerException.class);
    assertThat(server.requestCount()).isEqualTo(1);
    assertThatThrownBy(() -> client.runs().replay(id)).isInstanceOf(ApiConnectionException.class);
    assertThat(server.requestCount()).isEqualTo(2);
    String replayed = client.runs().replay(id);

    assertThat(server.requestCount()).isEqualTo(4);
    assertThat(server.runs()).hasSize(before + 1);
    assertThat(server.run(replayed)).isPresent();
  }

  @Test
  void onlyADelayedRunCanBeRescheduled() {
    List<FakeRun> runs = server.runs();
    FakeRun delayed = runs.stream().filter(r -> r.status().equals("DELAYED")).findFirst().orElseThrow();
    FakeRun other = runs.stream().filter(r -> !r.status().equals("DELAYED")).findFirst().orElseThrow();

    RunDetails moved = client.runs().reschedule(delayed.id(), Duration.ofHours(2));
    RunDetails until = client.runs().reschedule(delayed.id(), FakeTime.START.plus(Duration.ofDays(1)));

    assertThat(moved.getDelayedUntil()).isEqualTo(FakeTime.START.plus(Duration.ofHours(2)));
    assertThat(until.getDelayedUntil()).isEqualTo(FakeTime.START.plus(Duration.ofDays(1)));
    assertThat(client.runs().list(RunFilter.allTime(), PageRequest.ofSize(100)).getData().stream()
        .filter(r -> r.getId().equals(delayed.id())).map(Run::getDelayedUntil).collect(Collectors.toList()))
        .containsExactly(FakeTime.START.plus(Duration.ofDays(1)));
    assertThatThrownBy(() -> client.runs().reschedule(other.id(), Duration.ofHours(1)))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("Cannot reschedule a run that is not delayed");
  }
}
