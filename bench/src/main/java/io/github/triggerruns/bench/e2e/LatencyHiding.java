package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.TriggerRuns;
import io.github.triggerruns.bench.fixture.PageRenderer;
import io.github.triggerruns.bench.fixture.PreRenderedPages;
import io.github.triggerruns.bench.server.PageServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency hiding (issue 4): the server takes 20 ms per page and the consumer works 20 ms per page, over 50
 * pages. A sequential loop pays both, about 50 x 40 ms; a client that fetches the next page while the
 * consumer works pays about 50 x 20 ms + 20 ms, a ratio near 0.51. The target for {@code flow} is 0.6 or
 * less. A hand-written prefetch over {@code listAsync} runs too, as the reference a prefetching
 * {@code flow} should match.
 */
public final class LatencyHiding {
  static final Duration LATENCY = Duration.ofMillis(20);
  static final Duration WORK = Duration.ofMillis(20);
  static final int PAGES = 50;
  static final int PAGE_SIZE = 100;
  static final double TARGET = 0.6;

  private LatencyHiding() {}

  public static void run(PageServer.Kind kind, int warmupRounds, int measuredRounds, PrintStream out)
      throws Exception {
    try (PageServer server = PageServer.start(kind, LATENCY)) {
      server.serve(new PreRenderedPages(new PageRenderer(PAGE_SIZE, (long) PAGES * PAGE_SIZE)));
      TriggerRuns client = Clients.facade(server.baseUrl());
      List<PagingClient> clients = new ArrayList<>();
      clients.add(new IterateClient(client));
      // flow before the reference: the reference leaves idle io() threads behind, and those hid a bug that
      // queued flow's prefetch behind the page it follows whenever io() had no idle thread of its own.
      FlowClient flow = new FlowClient(client);
      clients.add(flow);
      clients.add(new PrefetchReferenceClient(client));

      Tally expected = Tally.expected((long) PAGES * PAGE_SIZE);
      List<Samples> samples = new ArrayList<>();
      for (PagingClient c : clients) {
        Samples s = new Samples();
        for (int round = 0; round < warmupRounds + measuredRounds; round++) {
          Tally tally = new Tally();
          long start = System.nanoTime();
          c.drain(PAGE_SIZE, new WorkPerPage(PAGE_SIZE, WORK, tally));
          long elapsed = System.nanoTime() - start;
          tally.check(expected, c.name());
          if (round >= warmupRounds) {
            s.add(elapsed);
          }
        }
        samples.add(s);
      }

      out.printf("%n%d pages of %d, server latency %d ms/page, consumer work %d ms/page; median of %d rounds"
          + " after %d warm-up%n", PAGES, PAGE_SIZE, LATENCY.toMillis(), WORK.toMillis(), measuredRounds, warmupRounds);
      double sequential = samples.get(0).medianNanos();
      Table table = new Table("client", "median time", "vs iterate");
      for (int i = 0; i < clients.size(); i++) {
        table.row(clients.get(i).name(), Table.millis(samples.get(i).medianNanos()),
            Table.ratio(samples.get(i).medianNanos() / sequential));
      }
      table.print(out);
      double ideal = (PAGES * Math.max(LATENCY.toMillis(), WORK.toMillis()) + Math.min(LATENCY.toMillis(),
          WORK.toMillis())) / (double) (PAGES * (LATENCY.toMillis() + WORK.toMillis()));
      out.printf("ideal with one page prefetched: %.2fx; target for flow: <= %.2fx%n", ideal, TARGET);
      double ratio = samples.get(clients.indexOf(flow)).medianNanos() / sequential;
      out.printf("flow/iterate = %.2fx: %s%n", ratio, ratio <= TARGET ? "meets the target" : "MISSES the target");
    }
  }
}
