package io.github.triggerruns.bench.realtime;

import io.github.triggerruns.RunFilter;
import io.github.triggerruns.SubscribeOptions;
import io.github.triggerruns.TriggerRuns;
import io.github.triggerruns.bench.ForkedJvm;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.MutableClock;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What live subscriptions cost the JVM that holds them: heap after GC and threads, measured in a client JVM
 * of its own, with the testkit in this one. Measuring with the server in the same heap mixes the two: the
 * server's share per held request depends on who sent it (an estimate from bare sockets left 84 KB "per
 * subscription" that a client alone does not use).
 *
 * <p>The client subscribes in two equal steps; after each, once this JVM's server holds a live request for
 * every subscription, it measures. The first step's figure carries the one-off costs (classes, the derived
 * HTTP client, the scheduler's pool); the second step's is the marginal cost of one more subscription.
 * Then every run changes once and the client checks that each subscription received the change.
 */
public final class SubscriptionFootprint {
  /** The argument that makes the jar the client: {@code --realtime-footprint-client=<subscriptions>}. */
  public static final String FORK_ARGUMENT = "--realtime-footprint-client=";
  private static final String RUN_PREFIX = "run_fp";

  private SubscriptionFootprint() {}

  /** Forks the client for {@code count} subscriptions (an even number) and prints what it measured. */
  static void measure(PrintStream out, int count) throws Exception {
    if (count < 2 || count % 2 != 0) {
      throw new IllegalArgumentException("the footprint needs an even number of subscriptions, not " + count);
    }
    MutableClock clock = MutableClock.at(Instant.now());
    // Held long enough that no live request is answered up-to-date while the client measures.
    try (FakeTriggerServer server = FakeTriggerServer.builder().runs(0).clock(clock)
        .realtimeHold(Duration.ofMinutes(5)).serverThreads(count + 64).build().start()) {
      for (int i = 0; i < count; i++) {
        server.addRun(FakeRun.builder().id(RUN_PREFIX + i).status("QUEUED").taskIdentifier("bench")
            .createdAt(clock.instant()).updatedAt(clock.instant()).build());
      }
      ProcessBuilder builder = ForkedJvm.of(FORK_ARGUMENT + count);
      // The key goes by the environment, as users pass it, never on a command line.
      builder.environment().put("TRIGGER_SECRET_KEY", server.secretKey());
      builder.environment().put("TRIGGER_API_URL", server.baseUrl());
      Process fork = builder.start();
      try (BufferedReader lines = new BufferedReader(
              new InputStreamReader(fork.getInputStream(), StandardCharsets.UTF_8));
          Writer commands = new OutputStreamWriter(fork.getOutputStream(), StandardCharsets.UTF_8)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("subscribed ")) {
            int live = Integer.parseInt(line.substring("subscribed ".length()));
            awaitHeld(server, live);
            commands.write("measure\n");
            commands.flush();
          } else if (line.equals("change")) {
            clock.advance(Duration.ofMillis(1));
            for (int i = 0; i < count; i++) {
              server.setStatus(RUN_PREFIX + i, "EXECUTING");
            }
          } else {
            out.println(line);
          }
        }
        if (fork.waitFor() != 0) {
          throw new IllegalStateException("the footprint's client JVM failed (exit " + fork.exitValue()
              + "); its output is above");
        }
      } finally {
        fork.destroyForcibly();
      }
    }
  }

  /** In the fork: the client side of {@link #measure}; reads this JVM's commands on stdin. */
  public static void runFork(String spec, PrintStream out) throws Exception {
    int count = Integer.parseInt(spec);
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    TriggerRuns client = TriggerRuns.fromEnv();
    // The first request of a JVM loads the HTTP and JSON stacks every client pays for once, subscribing or not.
    client.runs().list(RunFilter.builder().period("1h").build());
    List<AtomicInteger> received = new ArrayList<>();
    List<Disposable> subscriptions = new ArrayList<>();
    long heapBefore = RealtimeBench.usedHeapAfterGc();
    int threadsBefore = Thread.activeCount();
    long previousHeap = heapBefore;
    int half = count / 2;
    for (int step = 1; step <= 2; step++) {
      for (int i = received.size(); i < step * half; i++) {
        AtomicInteger states = new AtomicInteger();
        received.add(states);
        subscriptions.add(client.runs()
            .subscribeToRun(RUN_PREFIX + i, SubscribeOptions.builder().stopWhenFinished(false).build())
            .subscribe(run -> states.incrementAndGet()));
      }
      awaitStates(received, 1);
      out.println("subscribed " + received.size());
      if (!"measure".equals(commands.readLine())) {
        throw new IllegalStateException("expected the command to measure");
      }
      long heap = RealtimeBench.usedHeapAfterGc();
      int pollThreads = RealtimeBench.subscriptionThreads();
      out.printf("  %d live subscriptions: heap %.1f KB each over the client before subscribing (%s),"
          + " threads +%d (%d in a long-poll)%n", received.size(),
          (heap - heapBefore) / 1024.0 / received.size(),
          step == 1 ? "one-off costs included" : String.format("the last %d: %.1f KB each", half,
              (heap - previousHeap) / 1024.0 / half),
          Thread.activeCount() - threadsBefore, pollThreads);
      previousHeap = heap;
    }
    out.println("change");
    awaitStates(received, 2);
    long complete = received.stream().filter(states -> states.get() == 2).count();
    out.printf("  after one change to every run: %d of %d subscriptions received it%n", complete, count);
    subscriptions.forEach(Disposable::dispose);
  }

  private static void awaitHeld(FakeTriggerServer server, int live) throws InterruptedException {
    if (!RealtimeBench.awaitUntil(() -> server.heldRealtimeRequests() >= live, Duration.ofSeconds(30))) {
      throw new IllegalStateException("the server holds " + server.heldRealtimeRequests() + " live requests, not "
          + live);
    }
  }

  private static void awaitStates(List<AtomicInteger> received, int states) throws InterruptedException {
    RealtimeBench.awaitUntil(() -> received.stream().allMatch(n -> n.get() >= states), Duration.ofSeconds(30));
  }
}
