package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.TriggerRuns;
import io.github.triggerruns.bench.fixture.PageRenderer;
import io.github.triggerruns.bench.server.PageServer;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory mode: a million runs (10,000 pages of 100) through {@code iterate} (and {@code flow} when it
 * exists), to be run under {@code -Xmx64m}. The server renders each page on the fly from a template, so the
 * listing itself costs no heap; whatever the client keeps shows as peak and live heap. Heap figures include
 * the server's page being written (same JVM), about 70 KB at a time.
 */
public final class MemoryMode {
  static final int PAGE_SIZE = 100;
  static final int PAGES = 10_000;
  static final int WARMUP_RUNS = 20_000;

  private MemoryMode() {}

  public static void run(PageServer.Kind kind, PrintStream out) throws Exception {
    long total = (long) PAGE_SIZE * PAGES;
    try (PageServer server = PageServer.start(kind, Duration.ZERO)) {
      TriggerRuns client = Clients.facade(server.baseUrl());
      List<PagingClient> clients = new ArrayList<>();
      clients.add(new IterateClient(client));
      clients.add(new FlowClient(client));

      out.printf("%n%,d runs = %,d pages of %d, rendered on the fly; max heap %s%n", total, PAGES, PAGE_SIZE,
          Table.mib(Runtime.getRuntime().maxMemory()));
      Table table = new Table("client", "time", "runs/s", "peak heap used", "sum of heap pool peaks",
          "live @10%", "live @90%", "GCs");
      for (PagingClient c : clients) {
        server.serve(new PageRenderer(PAGE_SIZE, WARMUP_RUNS));
        for (int i = 0; i < 2; i++) {
          c.drain(PAGE_SIZE, new Tally()); // lets the JIT compile the loop before the long run
        }
        server.serve(new PageRenderer(PAGE_SIZE, total));
        System.gc();
        resetHeapPeaks();
        long gcsBefore = gcCount();
        SequenceCheck check = new SequenceCheck();
        HeapWatch watch = new HeapWatch(PAGE_SIZE, total, check);
        long start = System.nanoTime();
        c.drain(PAGE_SIZE, watch);
        long elapsed = System.nanoTime() - start - watch.gcNanos();
        if (check.runs() != total) {
          throw new IllegalStateException(c.name() + " delivered " + check.runs() + " of " + total + " runs");
        }
        table.row(c.name(), Table.millis(elapsed), Table.count(total / (elapsed / 1e9)), Table.mib(watch.peakUsed()),
            Table.mib(heapPeaks()), Table.mib(watch.liveEarly()), Table.mib(watch.liveLate()),
            gcCount() - gcsBefore - 2);
      }
      table.print(out);
      out.println("every run checked delivered once, in order; time excludes the two explicit GCs measuring live"
          + " heap (at 10% and 90% of the runs)");
    }
  }

  private static void resetHeapPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** An upper bound of the peak: each pool's own peak, which they need not reach at the same time. */
  private static long heapPeaks() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static long gcCount() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
    }
    return count;
  }
}
