package io.github.triggerruns.internal.export;

import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Page;
import io.github.triggerruns.ParallelOptions;
import io.github.triggerruns.RateLimitException;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.internal.http.RateLimitGate;
import io.github.triggerruns.internal.paging.PageFetcher;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.internal.util.BackpressureHelper;
import io.reactivex.rxjava3.observers.DisposableMaybeObserver;
import io.reactivex.rxjava3.observers.DisposableSingleObserver;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Every run matching a filter, listed by several cursors at once over disjoint createdAt windows, as a
 * backpressured stream of pages in the order they arrive.
 *
 * <p><b>Windows.</b> The range (see {@link ExportRange}, narrowed by {@link RangeSearch}) is cut into as
 * many windows as requests may be in flight, {@code lower..upper} in milliseconds, both inclusive like the
 * server's {@code filter[createdAt]}, so adjacent windows never share a millisecond. Each window is walked
 * newest first by its own cursor, one request at a time.
 *
 * <p><b>Work stealing.</b> A free request slot with no window waiting takes the older half of the window
 * with the most runs estimated left. What a window has left is {@code lower} up to the createdAt of the
 * oldest run it has fetched, {@code t}: pages come newest first. It is cut at {@code s} with
 * {@code lower < s <= t}: the new window gets {@code lower..s-1}, the old one keeps {@code s..} and goes on
 * with its cursor, which still covers the runs of millisecond {@code t} it has not reached (so runs sharing
 * a millisecond with the cut are neither lost nor repeated). A page in flight when its window was cut may
 * bring runs older than {@code s}: they are the new window's, and are dropped here, which also ends the old
 * window. Cursors are never read or built. Runs left are estimated from the density of runs each window
 * (or, before it has any, the whole listing) has met so far, so skewed ranges and empty windows balance out.
 *
 * <p><b>Budget.</b> Before each request the latest {@code x-ratelimit-*} headers are checked: no request
 * is started that could bring {@code remaining} below the reserve. Once it is, the listing waits for the
 * reset and sends a single request to learn the refilled budget. A page that still fails with a 429 after
 * the HTTP layer's retries is fetched again after the reset, up to {@link #MAX_RATE_LIMITED_IN_A_ROW}
 * times in a row.
 *
 * <p><b>Memory.</b> At most {@code bufferedPages} fetched pages wait for the subscriber: fetching stops
 * while they do. Pages are delivered in a serialized drain loop; each carries a checkpoint of every
 * window's delivered position, to resume from.
 */
public final class ParallelRunFlowable extends Flowable<WindowPage> {
  /** How many 429s in a row (after the HTTP layer's own retries) end the listing. */
  static final int MAX_RATE_LIMITED_IN_A_ROW = 5;

  private final PageFetcher fetcher;
  private final RunFilter filter;
  private final ParallelOptions options;
  private final Scheduler scheduler;
  private final RateLimitGate gate;
  private final Budget budget;

  /**
   * Lists {@code filter}'s runs as {@code options} say, fetching on {@code scheduler} and reading the budget
   * from {@code gate}. Checks the filter's window and the checkpoint at once.
   */
  public ParallelRunFlowable(PageFetcher fetcher, RunFilter filter, ParallelOptions options, Scheduler scheduler,
      RateLimitGate gate) {
    this.fetcher = fetcher;
    this.filter = filter;
    this.options = options;
    this.scheduler = scheduler;
    this.gate = gate;
    this.budget = new Budget(gate, options.getBudgetReserve(), scheduler);
    String resume = options.getResumeFrom();
    if (resume == null) {
      ExportRange.of(filter, scheduler.now(TimeUnit.MILLISECONDS));
    } else {
      Checkpoint.decode(resume);
    }
  }

  @Override
  protected void subscribeActual(Subscriber<? super WindowPage> subscriber) {
    subscriber.onSubscribe(new Coordinator(subscriber));
  }

  /** A page fetched for a window and not yet delivered. */
  private static final class Fetched {
    final TimeWindow window;
    final List<Run> runs;
    final @Nullable String cursorAfter;

    Fetched(TimeWindow window, List<Run> runs, @Nullable String cursorAfter) {
      this.window = window;
      this.runs = runs;
      this.cursorAfter = cursorAfter;
    }
  }

  /** One subscription. Fields without {@code volatile} or atomics are guarded by {@code this}. */
  private final class Coordinator implements Subscription {
    private final Subscriber<? super WindowPage> downstream;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final CompositeDisposable tasks = new CompositeDisposable();
    private volatile boolean cancelled;
    private boolean started;

    private final List<TimeWindow> windows = new ArrayList<>();
    private final ArrayDeque<Fetched> buffer = new ArrayDeque<>();
    private boolean ready;
    private int inFlight;
    private boolean wakeUpScheduled;
    private int rateLimitedInARow;
    private @Nullable Throwable error;
    private boolean terminated;
    /** Runs fetched, and milliseconds walked through, by every window so far: the listing's density. */
    private long fetchedRuns;
    private long walkedMillis;

    Coordinator(Subscriber<? super WindowPage> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        downstream.onError(new IllegalArgumentException("§3.9 violated: request(" + n + ")"));
        return;
      }
      BackpressureHelper.add(requested, n);
      boolean start;
      synchronized (this) {
        start = !started;
        started = true;
      }
      if (start) {
        start();
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      tasks.dispose();
      synchronized (this) {
        buffer.clear();
      }
    }

    private void start() {
      String resume = options.getResumeFrom();
      if (resume != null) {
        synchronized (this) {
          for (Checkpoint.Entry e : Checkpoint.decode(resume)) {
            windows.add(new TimeWindow(e.lower, e.upper, e.cursor, e.oldestMs));
          }
          ready = true;
          pump();
        }
        return;
      }
      ExportRange range = ExportRange.of(filter, scheduler.now(TimeUnit.MILLISECONDS));
      DisposableMaybeObserver<long[]> search = new DisposableMaybeObserver<long[]>() {
        @Override
        public void onSuccess(long[] found) {
          tasks.delete(this);
          synchronized (Coordinator.this) {
            cutInto(found[0], found[1], options.getParallelism());
            ready = true;
            pump();
          }
          drain();
        }

        @Override
        public void onComplete() {
          tasks.delete(this);
          synchronized (Coordinator.this) {
            ready = true;
          }
          drain();
        }

        @Override
        public void onError(Throwable e) {
          tasks.delete(this);
          fail(e);
        }
      };
      tasks.add(search);
      new RangeSearch(fetcher, filter, scheduler, options.getParallelism(), budget).find(range.fromMs, range.toMs)
          .subscribeOn(scheduler).subscribe(search);
    }

    /** Cuts {@code lower..upper} into up to {@code n} windows of equal length. */
    private void cutInto(long lower, long upper, int n) {
      long length = upper - lower + 1;
      int count = (int) Math.min(n, length);
      for (int i = 0; i < count; i++) {
        long from = lower + length * i / count;
        long to = lower + length * (i + 1) / count - 1;
        windows.add(new TimeWindow(from, to));
      }
    }

    /** Starts every request the slots, the buffer and the budget allow. Holds the lock. */
    private void pump() {
      if (!ready || error != null || cancelled) {
        return;
      }
      while (inFlight < options.getParallelism() && buffer.size() < options.getBufferedPages()) {
        if (budget.allowance(inFlight) == 0) {
          scheduleWakeUp();
          return;
        }
        TimeWindow window = waitingWindow();
        if (window == null) {
          window = split();
        }
        if (window == null) {
          return;
        }
        launch(window);
      }
    }

    private @Nullable TimeWindow waitingWindow() {
      for (TimeWindow w : windows) {
        if (!w.fetchDone && !w.inFlight) {
          return w;
        }
      }
      return null;
    }

    /**
     * Cuts the older part off the window with the most runs estimated left, and returns it as a new window;
     * null when no window has both a page's worth left and more than one millisecond to cut.
     */
    private @Nullable TimeWindow split() {
      TimeWindow victim = null;
      double most = options.getPageSize();
      for (TimeWindow w : windows) {
        if (w.fetchDone || w.remainingUpper() <= w.lower) {
          continue;
        }
        double left = estimatedLeft(w);
        if (left >= most) {
          most = left;
          victim = w;
        }
      }
      if (victim == null) {
        return null;
      }
      long end = victim.remainingUpper();
      long cut = victim.lower + (end - victim.lower + 1) / 2; // lower < cut <= end
      TimeWindow older = new TimeWindow(victim.lower, cut - 1);
      victim.lower = cut;
      windows.add(older);
      return older;
    }

    /** Runs estimated left in {@code w}: its milliseconds to go times the density met so far. */
    private double estimatedLeft(TimeWindow w) {
      double density = w.fetchedRuns > 0 ? (double) w.fetchedRuns / (w.coveredMillis() + 1)
          : (double) (fetchedRuns + 1) / (walkedMillis + 1);
      return (w.remainingUpper() - w.lower + 1) * density;
    }

    private long estimatedRemainingRuns() {
      double left = 0;
      for (TimeWindow w : windows) {
        if (!w.fetchDone) {
          left += estimatedLeft(w);
        }
      }
      for (Fetched f : buffer) {
        left += f.runs.size();
      }
      return (long) left;
    }

    /** With nothing in flight to call {@link #pump} again, waits for the budget's reset. */
    private void scheduleWakeUp() {
      if (inFlight == 0 && !wakeUpScheduled) {
        wakeUpAt(scheduler.now(TimeUnit.MILLISECONDS) + budget.millisUntilReset());
      }
    }

    private void wakeUpAt(long atMillis) {
      wakeUpScheduled = true;
      long delay = Math.max(0, atMillis - scheduler.now(TimeUnit.MILLISECONDS));
      tasks.add(scheduler.scheduleDirect(() -> {
        synchronized (this) {
          wakeUpScheduled = false;
          pump();
        }
        drain();
      }, delay, TimeUnit.MILLISECONDS));
    }

    private void launch(TimeWindow w) {
      w.inFlight = true;
      inFlight++;
      RunFilter window = ExportRange.window(filter, w.lower, w.upper);
      PageRequest first = PageRequest.ofSize(options.getPageSize());
      PageRequest request = w.fetchCursor == null ? first : first.after(w.fetchCursor);
      DisposableSingleObserver<Page<Run>> fetch = new DisposableSingleObserver<Page<Run>>() {
        @Override
        public void onSuccess(Page<Run> page) {
          tasks.delete(this);
          synchronized (Coordinator.this) {
            arrived(w, page);
          }
          drain();
        }

        @Override
        public void onError(Throwable e) {
          tasks.delete(this);
          boolean retry;
          synchronized (Coordinator.this) {
            inFlight--;
            w.inFlight = false;
            retry = e instanceof RateLimitException && ++rateLimitedInARow <= MAX_RATE_LIMITED_IN_A_ROW;
            if (retry) {
              Instant reset = ((RateLimitException) e).getResetAt();
              if (!wakeUpScheduled) {
                wakeUpAt(reset == null ? scheduler.now(TimeUnit.MILLISECONDS) + 1_000 : reset.toEpochMilli());
              }
            }
          }
          if (!retry) {
            fail(e);
          }
        }
      };
      tasks.add(fetch);
      fetcher.fetchAsync(window, request).subscribeOn(scheduler).subscribe(fetch);
    }

    /** Takes in a window's page: keeps the runs still the window's, moves its cursor on. Holds the lock. */
    private void arrived(TimeWindow w, Page<Run> page) {
      inFlight--;
      w.inFlight = false;
      rateLimitedInARow = 0;
      List<Run> kept = new ArrayList<>(page.getData().size());
      boolean crossed = false;
      for (Run run : page.getData()) {
        long createdMs = run.getCreatedAt().toEpochMilli();
        if (createdMs < w.lower) {
          crossed = true; // cut off to another window while this page was in flight: the rest is its
          break;
        }
        kept.add(run);
      }
      long before = w.remainingUpper();
      if (!kept.isEmpty()) {
        w.oldestFetchedMs = kept.get(kept.size() - 1).getCreatedAt().toEpochMilli();
        w.fetchedRuns += kept.size();
        fetchedRuns += kept.size();
      }
      String next = page.getNextCursor();
      if (next == null || crossed) {
        w.fetchDone = true;
        walkedMillis += before - w.lower + 1;
      } else {
        w.fetchCursor = next;
        walkedMillis += before - w.remainingUpper();
      }
      if (!kept.isEmpty()) {
        buffer.add(new Fetched(w, kept, next));
        w.pendingPages++;
      } else if (w.pendingPages == 0) {
        w.deliveredCursor = next;
      }
      if (w.finished()) {
        windows.remove(w);
      }
      pump();
    }

    private void fail(Throwable e) {
      synchronized (this) {
        if (error == null) {
          error = e;
        }
      }
      tasks.dispose(); // nothing more is fetched; the pages already here are still delivered
      drain();
    }

    /** Hands buffered pages to downstream as it asks; serialized, never under the lock. */
    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      for (;;) {
        drainLoop();
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    private void drainLoop() {
      for (;;) {
        if (cancelled || terminated) {
          return;
        }
        WindowPage page;
        Throwable failure = null;
        boolean complete = false;
        synchronized (this) {
          if (buffer.isEmpty()) {
            if (error != null) {
              failure = error;
            } else if (ready && windows.isEmpty()) {
              complete = true;
            } else {
              return;
            }
            page = null;
          } else if (requested.get() == 0) {
            return;
          } else {
            page = deliver(buffer.poll());
          }
        }
        if (page == null) {
          terminated = true;
          tasks.dispose();
          if (complete) {
            downstream.onComplete();
          } else {
            downstream.onError(failure);
          }
          return;
        }
        downstream.onNext(page);
        if (requested.get() != Long.MAX_VALUE) {
          requested.decrementAndGet();
        }
      }
    }

    /** Marks {@code f} delivered and makes its page, with the checkpoint just after it. Holds the lock. */
    private WindowPage deliver(Fetched f) {
      TimeWindow w = f.window;
      w.pendingPages--;
      w.deliveredCursor = f.cursorAfter;
      w.oldestDeliveredMs = f.runs.get(f.runs.size() - 1).getCreatedAt().toEpochMilli();
      if (w.finished()) {
        windows.remove(w);
      }
      List<Checkpoint.Entry> entries = new ArrayList<>(windows.size());
      for (TimeWindow each : windows) {
        entries.add(new Checkpoint.Entry(each.lower, each.upper, each.oldestDeliveredMs, each.deliveredCursor));
      }
      WindowPage page = new WindowPage(f.runs, Checkpoint.encode(entries), estimatedRemainingRuns(),
          gate.latest());
      pump(); // a buffer slot is free
      return page;
    }
  }
}
