package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.bench.fixture.RunIds;

/**
 * Checks that runs arrive as the fixture numbers them, 0, 1, 2 ..., so a million runs are proven delivered
 * once each, in order, without holding a million ids.
 */
final class SequenceCheck implements RunSink {
  private long next;

  @Override
  public void accept(String runId) {
    long seq = RunIds.seqOf(runId);
    if (seq != next) {
      throw new IllegalStateException("Expected run " + next + " but got " + runId + " (run " + seq + ")");
    }
    next++;
  }

  long runs() {
    return next;
  }
}
