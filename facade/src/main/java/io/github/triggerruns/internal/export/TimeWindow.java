package io.github.triggerruns.internal.export;

import org.jspecify.annotations.Nullable;

/**
 * One cursor's share of a parallel listing: the runs created from {@link #lower} to {@link #upper}
 * (milliseconds, both inclusive, as the server reads {@code filter[createdAt]}), walked newest first.
 * Mutable; only {@link ParallelRunFlowable}'s coordinator touches it, under its lock.
 *
 * <p>Two positions matter. The <em>fetch</em> position is where the next request starts ({@link #fetchCursor}),
 * the <em>delivered</em> position where the subscriber has got to ({@link #deliveredCursor}): pages between
 * them are fetched but still buffered. A checkpoint records the delivered one, so a resumed listing fetches
 * those buffered pages again rather than losing them.
 */
final class TimeWindow {
  /** The oldest millisecond still this window's; raised when another window takes its older part. */
  long lower;
  /** The newest millisecond of this window. */
  final long upper;
  /** The cursor of the next page to fetch; null before the first page. */
  @Nullable String fetchCursor;
  /** The cursor after the last page delivered to the subscriber; null before the first. */
  @Nullable String deliveredCursor;
  /** Whether the last page has been fetched. */
  boolean fetchDone;
  /** Whether a request for this window is in flight. */
  boolean inFlight;
  /** Fetched pages not yet delivered. */
  int pendingPages;
  /** The createdAt of the oldest run fetched so far, or {@code upper + 1} before any. */
  long oldestFetchedMs;
  /** The createdAt of the oldest run delivered so far, or {@code upper + 1} before any. */
  long oldestDeliveredMs;
  /** Runs fetched so far. */
  long fetchedRuns;

  /** A window to walk from {@code cursor} (null: from its newest run), no run after which is newer than {@code oldestMs}. */
  TimeWindow(long lower, long upper, @Nullable String cursor, long oldestMs) {
    this.lower = lower;
    this.upper = upper;
    this.fetchCursor = cursor;
    this.deliveredCursor = cursor;
    this.oldestFetchedMs = oldestMs;
    this.oldestDeliveredMs = oldestMs;
  }

  /** A window to walk from its newest run. */
  TimeWindow(long lower, long upper) {
    this(lower, upper, null, upper + 1);
  }

  /**
   * The newest millisecond whose runs may still be fetched: pages come newest first, so nothing newer than
   * the oldest run fetched is left (runs of that same millisecond may be: the cursor goes on through them).
   */
  long remainingUpper() {
    return Math.min(upper, oldestFetchedMs);
  }

  /** Milliseconds already walked through (nothing left in them but the last one's remainder). */
  long coveredMillis() {
    return upper - remainingUpper();
  }

  /** Whether every run of this window has been handed to the subscriber: it can be forgotten. */
  boolean finished() {
    return fetchDone && pendingPages == 0;
  }

  @Override
  public String toString() {
    return "TimeWindow[" + lower + ".." + upper + (fetchDone ? ", fetched" : "") + ']';
  }
}
