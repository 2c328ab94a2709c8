package io.github.triggerruns;

import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a parallel listing ({@link Runs#flowParallelPages}): its runs, and a checkpoint from which
 * {@link ParallelOptions.Builder#resumeFrom} continues right after this page. Pages come in the order they
 * were fetched, not in creation order.
 */
public final class ParallelPage {
  private final List<Run> runs;
  private final String checkpoint;
  private final long estimatedRemainingRuns;
  private final @Nullable Long rateLimitRemaining;
  private final @Nullable Long rateLimitLimit;

  ParallelPage(List<Run> runs, String checkpoint, long estimatedRemainingRuns,
      @Nullable Long rateLimitRemaining, @Nullable Long rateLimitLimit) {
    this.runs = Collections.unmodifiableList(runs);
    this.checkpoint = checkpoint;
    this.estimatedRemainingRuns = estimatedRemainingRuns;
    this.rateLimitRemaining = rateLimitRemaining;
    this.rateLimitLimit = rateLimitLimit;
  }

  /** The runs of this page, newest first within the page. */
  public List<Run> getRuns() {
    return runs;
  }

  /**
   * Where the listing stands once this page and every page before it are consumed: a short text (the
   * time windows still to go and their opaque cursors) to store and pass to
   * {@link ParallelOptions.Builder#resumeFrom}. Not meant to be read or edited.
   */
  public String getCheckpoint() {
    return checkpoint;
  }

  /**
   * A rough estimate of the runs still to come, from how densely the windows fetched so far were populated;
   * good for a progress bar, not an exact count.
   */
  public long getEstimatedRemainingRuns() {
    return estimatedRemainingRuns;
  }

  /** {@code x-ratelimit-remaining} as last reported by the server, or null when it sends none. */
  public @Nullable Long getRateLimitRemaining() {
    return rateLimitRemaining;
  }

  /** {@code x-ratelimit-limit} as last reported by the server, or null when it sends none. */
  public @Nullable Long getRateLimitLimit() {
    return rateLimitLimit;
  }

  @Override
  public String toString() {
    return "ParallelPage{" + runs.size() + " runs, ~" + estimatedRemainingRuns + " to go}";
  }
}
