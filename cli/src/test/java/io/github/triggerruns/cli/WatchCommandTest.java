package io.github.triggerruns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.RateLimit;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WatchCommandTest {
  private FakeTriggerServer server;

  @BeforeEach
  void start() {
    server = FakeTriggerServer.builder().runs(0).rateLimit(RateLimit.unlimited()).build().start();
    Instant now = server.clock().instant();
    for (int i = 1; i <= 3; i++) {
      server.addRun(FakeRun.builder().id("run_watch" + i).status("EXECUTING").taskIdentifier("send-email")
          .createdAt(now.minusSeconds(60 - i)).startedAt(now.minusSeconds(50)).build());
    }
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void untilFinishedPrintsEachChangeAndEndsWhenEveryRunFinished() throws Exception {
    // stdout tells the test when the first poll has been printed: then the runs finish, and the watch must
    // notice, print FINISHED for each, and end by itself.
    CountDownLatch created = new CountDownLatch(3);
    LineWatchingWriter out = new LineWatchingWriter(line -> {
      if (line.contains(" CREATED ")) {
        created.countDown();
      }
    });
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.run(Map.of(), Terminal.PLAIN, out,
        err, Cli.against(server, "watch", "--until-finished", "--interval", "100ms")));

    assertThat(created.await(10, TimeUnit.SECONDS)).isTrue();
    server.setStatus("run_watch1", "COMPLETED");
    server.setStatus("run_watch2", "FAILED");
    server.setStatus("run_watch3", "COMPLETED");

    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.subList(0, 3)).allSatisfy(line -> assertThat(line).contains(" CREATED ", "EXECUTING",
        "send-email"));
    assertThat(lines.subList(0, 3)).extracting(line -> line.split("\\s+")[2])
        .containsExactly("run_watch3", "run_watch2", "run_watch1");
    assertThat(lines.subList(3, 6)).anySatisfy(line -> assertThat(line)
        .contains(" FINISHED ", "run_watch2", "EXECUTING -> FAILED", "send-email"));
    assertThat(lines.subList(3, 6)).filteredOn(line -> line.contains("EXECUTING -> COMPLETED")).hasSize(2);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void ndjsonEventsCarryTypePreviousStatusAndRun() {
    server.setStatus("run_watch1", "COMPLETED");
    server.setStatus("run_watch2", "COMPLETED");
    server.setStatus("run_watch3", "COMPLETED");

    Cli.Result result = Cli.run(Cli.against(server, "watch", "--until-finished", "--interval", "100ms",
        "--ndjson"));

    assertThat(result.exitCode()).isZero();
    // Runs first seen finished: CREATED then FINISHED each, so counting FINISHED counts every run.
    assertThat(result.outLines()).hasSize(6);
    assertThat(result.outLines().get(0)).startsWith("{\"type\":\"CREATED\",\"run\":{\"id\":\"run_watch3\"");
    assertThat(result.outLines()).filteredOn(line -> line.startsWith("{\"type\":\"FINISHED\"")).hasSize(3);
  }

  @Test
  void aWindowInBothTheFilterAndLookbackIsAUsageError() {
    Cli.Result result = Cli.run(Cli.against(server, "watch", "--period", "1d", "--lookback", "1h"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).hasSize(1);
  }

  @Test
  void aBadIntervalIsAUsageError() {
    assertThat(Cli.run(Cli.against(server, "watch", "--interval", "soon")).exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run(Cli.against(server, "watch", "--interval", "10ms")).exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  /** A writer that hands each complete line to a callback as it is written. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void watchRunUsesRealtimeAndEndsWhenTheRunFinishes() throws Exception {
    CountDownLatch created = new CountDownLatch(1);
    LineWatchingWriter out = new LineWatchingWriter(line -> {
      if (line.contains(" CREATED ")) {
        created.countDown();
      }
    });
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.run(Map.of(), Terminal.PLAIN, out,
        err, Cli.against(server, "watch", "--run", "run_watch1", "--verbose")));

    assertThat(created.await(20, TimeUnit.SECONDS)).isTrue();
    server.setStatus("run_watch1", "COMPLETED");

    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains(" CREATED ", "run_watch1", "EXECUTING", "send-email");
    assertThat(lines.get(1)).contains(" FINISHED ", "run_watch1", "EXECUTING -> COMPLETED");
    assertThat(err.toString()).contains("watch: realtime (subscribeToRun run_watch1)")
        .doesNotContain(server.secretKey());
    assertThat(server.requestCount()).isZero();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void otherFiltersKeepPollingAndVerboseSaysWhy() {
    server.setStatus("run_watch1", "COMPLETED");
    server.setStatus("run_watch2", "COMPLETED");
    server.setStatus("run_watch3", "COMPLETED");
    Cli.Result result = Cli.run(Cli.against(server, "watch", "--task", "send-email", "--until-finished",
        "--interval", "100ms", "--verbose"));
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("watch: polling GET /api/v1/runs every 100 ms (--task cannot be expressed"
        + " in realtime)");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aMintedTokenWatchesItsRunAndNothingElse() {
    server.setStatus("run_watch1", "COMPLETED");
    Cli.Result minted = Cli.run(Cli.against(server, "token", "create", "--run", "run_watch1", "--expires", "30m",
        "--skip-column", "payload"));
    assertThat(minted.exitCode()).isZero();
    String token = minted.out().trim();
    assertThat(token.split("\\.")).hasSize(3);
    assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        StandardCharsets.UTF_8)).contains("\"realtime\":{\"skipColumns\":[\"payload\"]}");

    Cli.Result watched = Cli.run(Map.of(), Terminal.PLAIN, "watch", "--run", "run_watch1", "--api-url",
        server.baseUrl(), "--token", token);
    assertThat(watched.exitCode()).isZero();
    assertThat(watched.out().lines().toList()).hasSize(2);

    Cli.Result denied = Cli.run(Map.of(), Terminal.PLAIN, "watch", "--run", "run_watch2", "--api-url",
        server.baseUrl(), "--token", token);
    assertThat(denied.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(denied.err()).contains("read:runs:run_watch2").doesNotContain(token);

    Cli.Result fromEnv = Cli.run(Map.of("TRIGGER_ACCESS_TOKEN", token), Terminal.PLAIN, "watch", "--run",
        "run_watch1", "--api-url", server.baseUrl());
    assertThat(fromEnv.exitCode()).isZero();
  }

  private static final class LineWatchingWriter extends Writer {
    private final StringBuffer all = new StringBuffer();
    private final StringBuilder line = new StringBuilder();
    private final java.util.function.Consumer<String> onLine;

    LineWatchingWriter(java.util.function.Consumer<String> onLine) {
      this.onLine = onLine;
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        all.append(chars[i]);
        if (chars[i] == '\n') {
          onLine.accept(line.toString());
          line.setLength(0);
        } else {
          line.append(chars[i]);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return all.toString();
    }
  }
}
