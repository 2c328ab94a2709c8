package io.github.triggerruns.internal.export;

import io.github.triggerruns.Run;
import io.github.triggerruns.internal.http.RateLimitState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page as {@link ParallelRunFlowable} emits it; {@code Runs} turns it into a public ParallelPage. */
public final class WindowPage {
  /** The page's runs, newest first. */
  public final List<Run> runs;
  /** Where the listing stands once this page is consumed (see {@link Checkpoint}). */
  public final String checkpoint;
  /** Runs estimated still to come. */
  public final long estimatedRemainingRuns;
  /** The budget as last reported, or null. */
  public final @Nullable RateLimitState rateLimit;

  WindowPage(List<Run> runs, String checkpoint, long estimatedRemainingRuns, @Nullable RateLimitState rateLimit) {
    this.runs = runs;
    this.checkpoint = checkpoint;
    this.estimatedRemainingRuns = estimatedRemainingRuns;
    this.rateLimit = rateLimit;
  }
}
