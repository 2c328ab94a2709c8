package io.github.triggerruns.internal.export;

import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.internal.paging.PageFetcher;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Finds where a range's runs really are before it is cut into windows, so that cursors are not spent on
 * years without runs ({@code allTime()} starts in 1970). One request of one run gives the newest run. The
 * oldest is then narrowed down by rounds of {@code probes} concurrent one-run requests, each asking for the
 * newest run at or before a point: the first point with a run bounds the oldest run from above (that run's
 * createdAt), the point before it from below. A few rounds (at most {@link #MAX_ROUNDS}) bring the
 * uncertainty under 1/{@link #PRECISION} of the range; what remains of it is covered, never cut off.
 * Every request keeps to the {@link Budget}: a round has fewer probes, or waits for the reset, when it is low.
 */
final class RangeSearch {
  static final int MAX_ROUNDS = 4;
  static final long PRECISION = 64;

  private final PageFetcher fetcher;
  private final RunFilter filter;
  private final Scheduler scheduler;
  private final int probes;
  private final Budget budget;

  RangeSearch(PageFetcher fetcher, RunFilter filter, Scheduler scheduler, int probes, Budget budget) {
    this.fetcher = fetcher;
    this.filter = filter;
    this.scheduler = scheduler;
    this.probes = probes;
    this.budget = budget;
  }

  /** The range {@code from..to} narrowed to where runs are (an empty Maybe when there are none). */
  Maybe<long[]> find(long from, long to) {
    if (from > to) {
      return Maybe.empty(); // e.g. createdFrom in the future: nothing can match
    }
    return afterBudget(1, () -> newestAtOrBefore(from, to)).flatMapMaybe(newest -> newest < 0 ? Maybe.<long[]>empty()
        : narrow(from, newest, newest, 0).toMaybe());
  }

  /**
   * No run is older than {@code lower}; one is at {@code knownRun} or older; the newest of all is at
   * {@code newest}. Narrows {@code lower..knownRun}, returning the final {@code {lower, newest}}.
   */
  private Single<long[]> narrow(long lower, long knownRun, long newest, int round) {
    long width = knownRun - lower;
    if (round >= MAX_ROUNDS || width <= probes || width * PRECISION <= newest - lower) {
      return Single.just(new long[] {lower, newest});
    }
    int n = Math.min(probes, budget.allowance(0));
    if (n == 0) {
      return Single.timer(budget.millisUntilReset(), TimeUnit.MILLISECONDS, scheduler)
          .flatMap(x -> narrow(lower, knownRun, newest, round));
    }
    List<Single<Long>> points = new ArrayList<>(n);
    long[] at = new long[n];
    for (int i = 0; i < n; i++) {
      at[i] = lower + width * (i + 1) / (n + 1);
      points.add(newestAtOrBefore(lower, at[i]).subscribeOn(scheduler));
    }
    return Single.zip(points, found -> {
      for (int i = 0; i < found.length; i++) {
        long run = (Long) found[i];
        if (run >= 0) {
          return new long[] {i == 0 ? lower : at[i - 1] + 1, run};
        }
      }
      return new long[] {at[n - 1] + 1, knownRun};
    }).flatMap(next -> narrow(next[0], next[1], newest, round + 1));
  }

  /** {@code request}, once the budget allows {@code requests} of them. */
  private <T> Single<T> afterBudget(int requests, Supplier<Single<T>> request) {
    return Single.defer(() -> budget.allowance(0) >= requests ? request.get()
        : Single.timer(budget.millisUntilReset(), TimeUnit.MILLISECONDS, scheduler)
            .flatMap(x -> afterBudget(requests, request)));
  }

  /** The createdAt of the newest run created in {@code lower..upper}, or -1 when there is none. */
  private Single<Long> newestAtOrBefore(long lower, long upper) {
    return newestFrom(ExportRange.window(filter, lower, upper), PageRequest.ofSize(1));
  }

  /** A page may come back empty while more follow (the server re-filters): then the next one decides. */
  private Single<Long> newestFrom(RunFilter window, PageRequest request) {
    return fetcher.fetchAsync(window, request).flatMap(page -> {
      List<Run> runs = page.getData();
      if (!runs.isEmpty()) {
        return Single.just(runs.get(0).getCreatedAt().toEpochMilli());
      }
      String next = page.getNextCursor();
      return next == null ? Single.just(-1L) : newestFrom(window, request.after(next));
    });
  }
}
