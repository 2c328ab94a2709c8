package io.github.triggerruns.internal.export;

import io.github.triggerruns.InvalidRequestException;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.internal.server.CreatedAtPeriod;
import java.time.Instant;

/**
 * The createdAt range a parallel listing covers, in epoch milliseconds, both ends inclusive, taken from the
 * filter at the start: a period becomes an explicit range then, a missing end becomes the start time (the
 * server clamps {@code to} to now anyway), and the lower end is at least 1 ms, because the server reads a
 * bound of 0 as no bound at all. A filter without any time window is refused: the server would silently
 * list only the last 7 days.
 */
final class ExportRange {
  /** The server ignores a bound of 0 ms; 1 ms is the oldest that counts. */
  static final long OLDEST_MS = 1;

  final long fromMs;
  final long toMs;

  private ExportRange(long fromMs, long toMs) {
    this.fromMs = fromMs;
    this.toMs = toMs;
  }

  static ExportRange of(RunFilter filter, long nowMs) {
    if (filter.usesDefaultWindow()) {
      throw new InvalidRequestException("A parallel listing needs an explicit time window: this filter has"
          + " none, so the server would silently list only the last 7 days. Set createdFrom/createdTo or a"
          + " period on the RunFilter, or use RunFilter.allTime() (or .allTime() on its builder) for every run.");
    }
    String period = filter.getPeriod();
    if (period != null) {
      // RunFilter only holds periods the server filters on, so this is the server's own window start.
      long since = (long) CreatedAtPeriod.of(period).since(nowMs);
      return new ExportRange(Math.max(OLDEST_MS, since), nowMs);
    }
    Instant from = filter.getCreatedFrom();
    Instant to = filter.getCreatedTo();
    long fromMs = from == null ? OLDEST_MS : Math.max(OLDEST_MS, from.toEpochMilli());
    long toMs = to == null ? nowMs : Math.min(nowMs, to.toEpochMilli());
    return new ExportRange(fromMs, toMs);
  }

  /** {@code filter} narrowed to {@code lower..upper} (milliseconds, inclusive), without a period. */
  static RunFilter window(RunFilter filter, long lower, long upper) {
    return filter.toBuilder().period(null).createdFrom(Instant.ofEpochMilli(lower))
        .createdTo(Instant.ofEpochMilli(upper)).build();
  }
}
