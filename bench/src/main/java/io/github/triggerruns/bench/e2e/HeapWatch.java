package io.github.triggerruns.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples used heap ({@link MemoryMXBean}) after every page, and at two points of the listing (10% and 90%
 * of its runs) measures the live heap after a full GC: the difference shows what the client keeps as it
 * goes. The time spent in those two GCs is kept apart, so it can be left out of the throughput.
 */
final class HeapWatch implements RunSink {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final int pageSize;
  private final long early;
  private final long late;
  private final RunSink delegate;
  private long runs;
  private long peakUsed;
  private long liveEarly = -1;
  private long liveLate = -1;
  private long gcNanos;

  HeapWatch(int pageSize, long totalRuns, RunSink delegate) {
    this.pageSize = pageSize;
    this.early = totalRuns / 10;
    this.late = totalRuns - totalRuns / 10;
    this.delegate = delegate;
  }

  @Override
  public void accept(String runId) {
    delegate.accept(runId);
    runs++;
    if (runs % pageSize == 0) {
      peakUsed = Math.max(peakUsed, memory.getHeapMemoryUsage().getUsed());
    }
    if (runs == early) {
      liveEarly = liveAfterGc();
    } else if (runs == late) {
      liveLate = liveAfterGc();
    }
  }

  private long liveAfterGc() {
    long start = System.nanoTime();
    System.gc();
    long live = memory.getHeapMemoryUsage().getUsed();
    gcNanos += System.nanoTime() - start;
    return live;
  }

  /** The highest used heap seen at a page boundary. */
  long peakUsed() {
    return peakUsed;
  }

  long liveEarly() {
    return liveEarly;
  }

  long liveLate() {
    return liveLate;
  }

  long early() {
    return early;
  }

  long late() {
    return late;
  }

  /** Time spent in the two explicit GCs. */
  long gcNanos() {
    return gcNanos;
  }
}
