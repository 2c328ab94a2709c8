package io.github.triggerruns.bench.e2e;

import java.time.Duration;

/**
 * A consumer that spends {@code work} after every {@code pageSize} runs, blocked the way writing a batch to
 * a database blocks (a sleep: the CPU stays free for a prefetching client's I/O and decoding).
 */
final class WorkPerPage implements RunSink {
  private final int pageSize;
  private final long workMillis;
  private final RunSink delegate;
  private long runs;

  WorkPerPage(int pageSize, Duration work, RunSink delegate) {
    this.pageSize = pageSize;
    this.workMillis = work.toMillis();
    this.delegate = delegate;
  }

  @Override
  public void accept(String runId) {
    delegate.accept(runId);
    if (++runs % pageSize == 0) {
      try {
        Thread.sleep(workMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
