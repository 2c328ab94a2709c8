package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.bench.fixture.RunIds;

/**
 * Counts runs and sums their ids' hash codes: reading every id keeps the JIT from skipping the work, and
 * comparing with {@link #expected} proves a client delivered each run exactly once.
 */
public final class Tally implements RunSink {
  private long runs;
  private long checksum;

  @Override
  public void accept(String runId) {
    runs++;
    checksum += runId.hashCode();
  }

  /** Adds what a client outside this JVM counted: its runs and the sum of their ids' hash codes. */
  void addReported(long reportedRuns, long reportedChecksum) {
    runs += reportedRuns;
    checksum += reportedChecksum;
  }

  public long runs() {
    return runs;
  }

  /** Fails unless this tally saw exactly runs 0 to {@code runCount - 1} of the fixture. */
  public void check(Tally expected, String client) {
    if (runs != expected.runs || checksum != expected.checksum) {
      throw new IllegalStateException(client + " delivered " + runs + " runs (checksum " + checksum + "), expected "
          + expected.runs + " (checksum " + expected.checksum + ")");
    }
  }

  /** The tally of a client that delivers runs 0 to {@code runCount - 1} of the fixture once each. */
  public static Tally expected(long runCount) {
    Tally tally = new Tally();
    for (long seq = 0; seq < runCount; seq++) {
      tally.accept(RunIds.of(seq));
    }
    return tally;
  }
}
