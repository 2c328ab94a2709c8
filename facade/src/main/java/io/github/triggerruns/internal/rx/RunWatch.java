package io.github.triggerruns.internal.rx;

import io.github.triggerruns.ApiConnectionException;
import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.PaginationException;
import io.github.triggerruns.RateLimitException;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunEvent;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.RunStatus;
import io.github.triggerruns.ServerException;
import io.github.triggerruns.WatchOptions;
import io.github.triggerruns.internal.paging.PageFetcher;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.disposables.SerialDisposable;
import io.reactivex.rxjava3.observers.DisposableCompletableObserver;
import io.reactivex.rxjava3.observers.DisposableSingleObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Live run watching by polling the list endpoint: one poll per interval, each poll reading newest first only
 * as deep as it must, diffing by run id, and emitting each change once.
 *
 * <p>How deep a poll reads. Runs come newest first. The first poll reads the whole window. After that, a
 * poll must see (a) every run newer than those already known and (b) every run still going, since only
 * those can change (finished runs do not). So it reads until it passes a run created strictly before the
 * <em>cutoff</em>: the creation time of the oldest run still going, or, when none is, of the newest run
 * seen. In the steady state that is one page. Because a poll covers every run still going, one it does not
 * see has left the filter (say a status filter) or a sliding period window: it is no longer waited for, so
 * it can neither make every poll read deep nor keep {@code stopWhenAllFinished} from completing; should it
 * come back into a later poll, it is diffed against what was last seen.
 *
 * <p>Scheduling. Every step (a page fetch, a timer) is started by the end of the previous one, on the
 * client's scheduler, and is held in one {@link SerialDisposable}: steps never overlap, the next poll starts
 * {@code pollInterval} after the previous one ended, and disposing cancels the pending timer or the HTTP
 * call in flight so no request goes out afterwards. Since steps are sequential, the watch state below needs
 * no locks: each step hands over to the next through the scheduler, which orders memory.
 */
public final class RunWatch extends Observable<RunEvent> {
  /** Backoff after failures doubles the interval up to this, or up to the interval when that is longer. */
  static final long MAX_BACKOFF_MILLIS = 60_000;
  /** A 429's reset time is waited for up to this long, so a wrong clock cannot stall the watch for hours. */
  static final long MAX_RATE_LIMIT_WAIT_MILLIS = 5 * 60_000;

  private final PageFetcher fetcher;
  private final RunFilter filter;
  private final PageRequest pageRequest;
  private final WatchOptions options;
  private final Scheduler scheduler;

  /** Watches {@code filter}, reading pages of {@code pageRequest}'s size, timed by {@code scheduler}. */
  public RunWatch(PageFetcher fetcher, RunFilter filter, PageRequest pageRequest, WatchOptions options,
      Scheduler scheduler) {
    this.fetcher = fetcher;
    this.filter = filter;
    this.pageRequest = pageRequest.first();
    this.options = options;
    this.scheduler = scheduler;
  }

  /**
   * The filter a watch subscribed at {@code nowMillis} polls with: the given one when it sets its own time
   * window, otherwise the given one from the options' window start, so that the server's hidden 7-day
   * window never applies.
   */
  static RunFilter windowed(RunFilter filter, WatchOptions options, long nowMillis) {
    if (!filter.usesDefaultWindow()) {
      return filter;
    }
    Instant since = options.getSince();
    Duration lookback = options.getLookback();
    Instant from = since != null ? since
        : Instant.ofEpochMilli(nowMillis).minus(lookback == null ? WatchOptions.DEFAULT_LOOKBACK : lookback);
    return filter.toBuilder().createdFrom(from).build();
  }

  @Override
  protected void subscribeActual(Observer<? super RunEvent> observer) {
    Watcher watcher = new Watcher(observer, windowed(filter, options, scheduler.now(TimeUnit.MILLISECONDS)));
    observer.onSubscribe(watcher);
    watcher.startPoll();
  }

  /** What the watch last saw of a run. */
  private static final class Known {
    RunStatus status;
    Instant updatedAt;
    boolean finished;

    Known(RunStatus status, Instant updatedAt, boolean finished) {
      this.status = status;
      this.updatedAt = updatedAt;
      this.finished = finished;
    }
  }

  /** One subscription's polling loop and diff state. */
  final class Watcher implements Disposable {
    private final Observer<? super RunEvent> downstream;
    private final RunFilter pollFilter;
    private final SerialDisposable step = new SerialDisposable();
    private volatile boolean done;

    private final Map<String, Known> known = new HashMap<>();
    /** Runs seen and not finished, by id, with their creation time: what a poll must read down to. */
    private final Map<String, Instant> open = new HashMap<>();
    private @Nullable Instant newestSeen;
    private int consecutiveFailures;

    // The poll in progress.
    private Set<String> seenThisPoll = new HashSet<>();
    private Set<String> cursorsThisPoll = new HashSet<>();
    private boolean foundNewRun;
    private @Nullable Instant cutoff;

    Watcher(Observer<? super RunEvent> downstream, RunFilter pollFilter) {
      this.downstream = downstream;
      this.pollFilter = pollFilter;
    }

    void startPoll() {
      if (done) {
        return;
      }
      seenThisPoll = new HashSet<>();
      cursorsThisPoll = new HashSet<>();
      foundNewRun = false;
      cutoff = oldestOpen();
      if (cutoff == null) {
        cutoff = newestSeen; // null before any run is seen: read the whole window
      }
      fetch(pageRequest);
    }

    private @Nullable Instant oldestOpen() {
      Instant oldest = null;
      for (Instant createdAt : open.values()) {
        if (oldest == null || createdAt.isBefore(oldest)) {
          oldest = createdAt;
        }
      }
      return oldest;
    }

    private void fetch(PageRequest request) {
      DisposableSingleObserver<Page<Run>> observer = new DisposableSingleObserver<Page<Run>>() {
        @Override
        public void onSuccess(Page<Run> page) {
          onPage(page);
        }

        @Override
        public void onError(Throwable e) {
          onPollFailed(e);
        }
      };
      // Registered before subscribing, so that a dispose racing with this step always reaches it.
      step.set(observer);
      fetcher.fetchAsync(pollFilter, request).subscribeOn(scheduler).subscribe(observer);
    }

    private void onPage(Page<Run> page) {
      List<Run> runs = page.getData();
      for (Run run : runs) {
        if (done) {
          return;
        }
        diff(run);
      }
      String next = page.getNextCursor();
      boolean deepEnough = cutoff != null && !runs.isEmpty()
          && runs.get(runs.size() - 1).getCreatedAt().isBefore(cutoff);
      if (next == null || deepEnough) {
        onPollSucceeded();
      } else if (!cursorsThisPoll.add(next)) {
        finish(new PaginationException("The server returned cursor " + next + " twice while watching "
            + pollFilter + "; stopping instead of looping forever."));
      } else if (!done) {
        fetch(page.getRequest().after(next));
      }
    }

    private void diff(Run run) {
      String id = run.getId();
      RunStatus status = run.getStatus();
      Instant updatedAt = run.getUpdatedAt();
      seenThisPoll.add(id);
      Known last = known.get(id);
      if (last == null) {
        foundNewRun = true;
        known.put(id, new Known(status, updatedAt, status.isTerminal()));
        if (newestSeen == null || run.getCreatedAt().isAfter(newestSeen)) {
          newestSeen = run.getCreatedAt();
        }
        emit(new RunEvent(RunEvent.Type.CREATED, run, null));
        if (status.isTerminal()) {
          emit(new RunEvent(RunEvent.Type.FINISHED, run, null));
        } else {
          open.put(id, run.getCreatedAt());
        }
        return;
      }
      if (last.finished) {
        return; // finished runs get no events after FINISHED
      }
      open.put(id, run.getCreatedAt()); // back in view if an earlier poll had lost it
      if (updatedAt.isBefore(last.updatedAt)
          || (updatedAt.equals(last.updatedAt) && status.equals(last.status))) {
        return; // unchanged, or an older snapshot than the one already reported
      }
      RunStatus previous = last.status;
      last.status = status;
      last.updatedAt = updatedAt;
      if (status.isTerminal()) {
        last.finished = true;
        open.remove(id);
        emit(new RunEvent(RunEvent.Type.FINISHED, run, previous));
      } else {
        emit(new RunEvent(RunEvent.Type.UPDATED, run, previous));
      }
    }

    private void emit(RunEvent event) {
      if (!done) {
        downstream.onNext(event);
      }
    }

    private void onPollSucceeded() {
      if (done) {
        return;
      }
      consecutiveFailures = 0;
      // The poll covered every run still going; one it did not see has left the filter's view.
      open.keySet().retainAll(seenThisPoll);
      if (options.isStopWhenAllFinished() && !known.isEmpty() && open.isEmpty() && !foundNewRun) {
        finish(null);
        return;
      }
      schedulePoll(options.getPollInterval().toMillis());
    }

    private void onPollFailed(Throwable e) {
      if (done) {
        return;
      }
      if (!isTransient(e) || ++consecutiveFailures >= options.getMaxConsecutiveFailures()) {
        finish(e);
        return;
      }
      long interval = options.getPollInterval().toMillis();
      long cap = Math.max(interval, MAX_BACKOFF_MILLIS);
      long delay = interval << Math.min(consecutiveFailures, 20);
      delay = delay <= 0 || delay > cap ? cap : delay;
      if (e instanceof RateLimitException) {
        Instant resetAt = ((RateLimitException) e).getResetAt();
        if (resetAt != null) {
          long untilReset = resetAt.toEpochMilli() - scheduler.now(TimeUnit.MILLISECONDS);
          delay = Math.max(delay, Math.min(untilReset, MAX_RATE_LIMIT_WAIT_MILLIS));
        }
      }
      schedulePoll(delay);
    }

    private void schedulePoll(long delayMillis) {
      DisposableCompletableObserver timer = new DisposableCompletableObserver() {
        @Override
        public void onComplete() {
          startPoll();
        }

        @Override
        public void onError(Throwable e) {
          // A timer does not fail.
        }
      };
      step.set(timer);
      Completable.timer(delayMillis, TimeUnit.MILLISECONDS, scheduler).subscribe(timer);
    }

    private void finish(@Nullable Throwable error) {
      if (done) {
        return;
      }
      done = true;
      step.dispose();
      if (error == null) {
        downstream.onComplete();
      } else {
        downstream.onError(error);
      }
    }

    @Override
    public void dispose() {
      done = true;
      step.dispose();
    }

    @Override
    public boolean isDisposed() {
      return done;
    }
  }

  /**
   * Failures worth another poll: the network, the server (5xx, 408, 409), the rate limit. Anything else (a
   * rejected query or key, a missing path, a broken answer) will not heal by asking again.
   */
  static boolean isTransient(Throwable e) {
    if (e instanceof ServerException) {
      int code = ((ServerException) e).getStatusCode();
      return code == 0 || code == 408 || code == 409 || code >= 500;
    }
    return e instanceof ApiConnectionException || e instanceof RateLimitException;
  }
}
