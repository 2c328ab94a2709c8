package io.github.triggerruns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** get, cancel, replay and reschedule against the testkit. */
class RunActionCommandsTest {
  private FakeTriggerServer server;

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(60).seed(3).build().start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private FakeRun first(String status) {
    return server.runs().stream().filter(r -> r.status().equals(status)).findFirst().orElseThrow();
  }

  @Test
  void getPrintsTheDetailsReadablyOrAsJson() {
    FakeRun run = server.runs().get(0);

    Cli.Result readable = Cli.run(Cli.against(server, "get", run.id()));
    Cli.Result json = Cli.run(Cli.against(server, "get", run.id(), "--json"));

    assertThat(readable.exitCode()).isZero();
    assertThat(readable.out()).contains("id:", run.id(), "status:", run.status(), run.taskIdentifier());
    assertThat(json.exitCode()).isZero();
    assertThat(JsonParser.parseString(json.out()).getAsJsonObject().get("id").getAsString()).isEqualTo(run.id());
    Cli.Result missing = Cli.run(Cli.against(server, "--max-retries", "0", "get", "run_doesnotexist"));
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.API);
    assertThat(missing.err()).contains("404");
  }

  @Test
  void cancelByFilterListsFirstAndRefusesWithoutYesWhenNotATerminal() {
    List<String> queued = server.runs().stream().filter(r -> r.status().equals("QUEUED")).map(FakeRun::id).toList();
    assertThat(queued).isNotEmpty();

    Cli.Result refused = Cli.run(Cli.against(server, "cancel", "--status", "QUEUED", "--all-time"));
    Cli.Result dryRun = Cli.run(Cli.against(server, "cancel", "--status", "QUEUED", "--all-time", "--dry-run"));

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("--yes");
    assertThat(dryRun.exitCode()).isZero();
    assertThat(dryRun.outLines()).containsExactlyInAnyOrderElementsOf(queued);
    assertThat(dryRun.err()).contains("would cancel " + queued.size() + " run");
    assertThat(server.runs().stream().filter(r -> r.status().equals("QUEUED")).count()).isEqualTo(queued.size());

    Cli.Result done = Cli.run(Cli.against(server, "cancel", "--status", "QUEUED", "--all-time", "--yes"));

    assertThat(done.exitCode()).isZero();
    assertThat(done.outLines()).containsExactlyInAnyOrderElementsOf(queued);
    assertThat(done.err()).contains("cancel " + queued.size() + "/" + queued.size());
    assertThat(queued).allSatisfy(id -> assertThat(server.run(id).orElseThrow().status()).isEqualTo("CANCELED"));
  }

  @Test
  void cancelGoesOnPastFailuresAndSaysSoInItsExitCode() {
    String queued = first("QUEUED").id();

    Cli.Result result = Cli.run(Cli.against(server, "cancel", "run_doesnotexist", queued, "--yes"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.API);
    assertThat(result.outLines()).containsExactly(queued);
    assertThat(result.err()).contains("1 of 2 runs failed to cancel", "run_doesnotexist");
    assertThat(server.run(queued).orElseThrow().status()).isEqualTo("CANCELED");
  }

  @Test
  void aTokenMintedToCancelOneRunCancelsItAndNoOther() {
    List<String> queued = server.runs().stream().filter(r -> r.status().equals("QUEUED")).map(FakeRun::id)
        .limit(2).toList();
    Cli.Result minted = Cli.run(Cli.against(server, "token", "create", "--cancel-run", queued.get(0)));
    String token = minted.out().trim();

    Cli.Result result = Cli.run(Map.of(), Terminal.PLAIN, "cancel", queued.get(0), queued.get(1), "--yes",
        "--api-url", server.baseUrl(), "--token", token);

    assertThat(minted.exitCode()).isZero();
    assertThat(result.outLines()).containsExactly(queued.get(0));
    assertThat(result.err()).contains("1 of 2 runs failed to cancel", "write:runs:" + queued.get(1))
        .doesNotContain(token);
    assertThat(server.run(queued.get(0)).orElseThrow().status()).isEqualTo("CANCELED");
    assertThat(server.run(queued.get(1)).orElseThrow().status()).isEqualTo("QUEUED");
  }

  @Test
  void cancelNeedsIdsOrFilters() {
    Cli.Result result = Cli.run(Cli.against(server, "cancel", "--yes"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void replayPrintsOldToNewAndTheNewRunIsListed() {
    String original = server.runs().get(5).id();
    int before = server.runs().size();

    Cli.Result result = Cli.run(Cli.against(server, "replay", original, "--yes"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.outLines()).hasSize(1);
    String[] parts = result.outLines().get(0).split(" -> ");
    assertThat(parts[0]).isEqualTo(original);
    assertThat(server.run(parts[1])).isPresent();
    assertThat(server.runs()).hasSize(before + 1);
    assertThat(Cli.run(Map.of(), Terminal.PLAIN, Cli.against(server, "replay", original)).exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void rescheduleMovesADelayedRunAndReportsTheServersRefusalOfOthers() {
    String delayed = first("DELAYED").id();
    String completed = first("COMPLETED").id();

    Cli.Result moved = Cli.run(Cli.against(server, "reschedule", delayed, "--delay", "1h"));
    Cli.Result refused = Cli.run(Cli.against(server, "reschedule", completed, "--delay", "1h"));

    assertThat(moved.exitCode()).isZero();
    assertThat(moved.out()).contains(delayed, "delayed until");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.API);
    assertThat(refused.err()).contains("Cannot reschedule a run that is not delayed");
  }
}
