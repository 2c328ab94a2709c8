package io.github.triggerruns.internal.rx;

import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.internal.paging.PageFetcher;
import io.github.triggerruns.internal.paging.SeenCursors;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.SerialDisposable;
import io.reactivex.rxjava3.observers.DisposableSingleObserver;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Every run matching a filter as a backpressured {@link Flowable}, with exactly one page of prefetch.
 *
 * <p>Why a hand-written operator: {@code flatMapIterable}, {@code concatMap} and {@code observeOn} request
 * their upstream in batches, so built from them a stream either fetches pages nobody asked for or fetches
 * nothing ahead at all. Here the rule is explicit and is the whole design:
 * <ul>
 *   <li>Nothing is fetched before the first {@code request(n > 0)}.</li>
 *   <li>The page being emitted is the <em>current</em> page. A fetched page becomes current only when
 *       downstream wants an item from it (demand &gt; 0 with the previous page used up).</li>
 *   <li>When a page becomes current, the page after it is fetched (the prefetch; at once, or right after the
 *       page's runs are handed over, see below), and no other: so at most one page is fetched that downstream
 *       has not started to consume.</li>
 *   <li>Cancellation disposes the fetch in flight (cancelling its HTTP call, interrupting a wait between
 *       retries) and no fetch starts after it.</li>
 * </ul>
 * Fetches run on the client's scheduler; items are emitted from a serialized drain loop, on whichever thread
 * last delivered a page or a request. Errors of the prefetched page are signalled in sequence, after the
 * items of the current page.
 *
 * <p>Where the prefetch runs adapts to downstream. On another thread it overlaps downstream's work on the
 * current page, but every page then pays a thread hand-off (on a 2-core VM, scheduling the task alone kept
 * the delivering thread 100-200 µs, a quarter of a local page's fetch), and that is all it buys when
 * downstream is done with a page at once. So when a page becomes current in the delivery of its own fetch
 * (downstream was waiting for it) and downstream's time a run, times the page's runs, is negligible
 * ({@code keptUp}), the delivering scheduler thread runs the next fetch itself once it has emitted what
 * downstream asked for. Otherwise, and for the first page, the prefetch is scheduled the moment its page
 * becomes current (the delivering thread still runs it if it gets there before the task). A consumer that
 * turns slow loses the overlap for one page. One task fetches on for at most {@code TASK_SLICE_NANOS}, so
 * a single-threaded scheduler still runs other work between pages.
 */
public final class RunFlowable extends Flowable<Run> {
  private final PageFetcher fetcher;
  private final RunFilter filter;
  private final PageRequest first;
  private final Scheduler scheduler;
  private final LongSupplier nanoTime;

  /**
   * Every run of {@code filter} from {@code first} on; fetches on {@code scheduler} and times downstream with
   * {@code nanoTime} ({@code System::nanoTime} but in tests).
   */
  public RunFlowable(PageFetcher fetcher, RunFilter filter, PageRequest first, Scheduler scheduler,
      LongSupplier nanoTime) {
    this.fetcher = fetcher;
    this.filter = filter;
    this.first = first;
    this.scheduler = scheduler;
    this.nanoTime = nanoTime;
  }

  @Override
  protected void subscribeActual(Subscriber<? super Run> subscriber) {
    subscriber.onSubscribe(new PagingSubscription(subscriber, fetcher, filter, first, scheduler, nanoTime));
  }

  /**
   * How long one fetch task keeps its thread, fetching page after page while downstream keeps up, before it
   * hands the next fetch to a task of its own: the wait of other work on a single-threaded scheduler.
   */
  private static final long TASK_SLICE_NANOS = 250_000_000;

  /** Downstream's time over a page up to which it counts as negligible, as a share of a fetch ... */
  private static final int KEPT_UP_FETCH_SHARE = 16;
  /** ... and at most this: on a slow network 1/16 of a fetch is consumer work worth overlapping. */
  private static final long KEPT_UP_MAX_NANOS = 1_000_000;

  /**
   * Whether downstream, busy {@code downstreamNanos} in all with a page, gains so little from the next page
   * being fetched meanwhile on another thread (pages take {@code fetchNanos}) that the hand-off is not worth
   * it. Fetching after downstream instead costs at most the smaller of 1/16 of a fetch and 1 ms a page.
   */
  private static boolean keptUp(long fetchNanos, long downstreamNanos) {
    return downstreamNanos <= KEPT_UP_MAX_NANOS && downstreamNanos * KEPT_UP_FETCH_SHARE <= fetchNanos;
  }

  /** The state machine of one subscription; fields without {@code volatile} belong to the drain loop. */
  static final class PagingSubscription implements Subscription {
    private final Subscriber<? super Run> downstream;
    private final PageFetcher fetcher;
    private final RunFilter filter;
    private final Scheduler scheduler;
    private final LongSupplier nanoTime;

    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    /** The fetch in flight, so that cancellation reaches its HTTP call. */
    private final SerialDisposable inFlight = new SerialDisposable();
    /** The fetch to start, until a scheduler thread claims it. */
    private final AtomicReference<@Nullable PageRequest> due = new AtomicReference<>();
    /** The scheduler thread delivering a fetch result: it runs the due fetch, if any, once that returns. */
    private volatile @Nullable Thread delivering;
    private volatile boolean cancelled;
    /** A fetch result (a {@code Page<Run>} or a Throwable) handed from the fetch thread to the drain loop. */
    private volatile @Nullable Object arrived;
    /** A Reactive Streams rule 3.9 violation (request(n &lt;= 0)) to signal. */
    private volatile @Nullable Throwable badRequest;

    private @Nullable List<Run> current;
    private int index;
    /** The page after the current one once fetched, or its failure; never set while a fetch is in flight. */
    private @Nullable Object held;
    private boolean fetching;
    /** The request for the page after the current and held ones, or null when none follows. */
    private @Nullable PageRequest nextRequest;
    /** When the fetch in flight became due, by {@link #nanoTime}. */
    private long fetchDueAt;
    /**
     * When {@link #arrived} was set; written before it, read after it. No fetch starts between a page's
     * arrival and its becoming current, so then {@code arrivedAt - fetchDueAt} is how long it took.
     */
    private long arrivedAt;
    /** Downstream's time in {@code onNext} over the current page so far. */
    private long downstreamNanos;
    /** Downstream's time a run over the last page that had any; before the first, never kept up. */
    private long downstreamNanosPerRun = Long.MAX_VALUE;
    /** Signalled once the current page is used up: the server repeated a cursor. */
    private @Nullable Throwable errorAfterCurrent;
    private final SeenCursors seenCursors;
    private boolean terminated;

    PagingSubscription(Subscriber<? super Run> downstream, PageFetcher fetcher, RunFilter filter,
        PageRequest first, Scheduler scheduler, LongSupplier nanoTime) {
      this.downstream = downstream;
      this.fetcher = fetcher;
      this.filter = filter;
      this.scheduler = scheduler;
      this.nanoTime = nanoTime;
      this.nextRequest = first;
      this.seenCursors = new SeenCursors(filter, first.getAfter());
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest = new IllegalArgumentException("§3.9 violated: request(" + n + "); request a positive"
            + " number of runs");
      } else {
        for (;;) {
          long r = requested.get();
          long u = r + n < 0 ? Long.MAX_VALUE : r + n; // capped at "unbounded" instead of overflowing
          if (r == Long.MAX_VALUE || requested.compareAndSet(r, u)) {
            break;
          }
        }
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      inFlight.dispose();
      if (wip.getAndIncrement() == 0) {
        release();
      }
    }

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

    /** Makes every step the state allows; returns when no step is possible until a request or a page. */
    @SuppressWarnings("unchecked")
    private void drainLoop() {
      for (;;) {
        if (cancelled || terminated) {
          release();
          return;
        }
        Throwable bad = badRequest;
        if (bad != null) {
          terminate(bad);
          return;
        }
        Object result = arrived;
        if (result != null) {
          arrived = null;
          fetching = false;
          held = result;
        }

        List<Run> page = current;
        if (page != null && index < page.size()) {
          long r = requested.get();
          long emitted = 0;
          long burstStart = nanoTime.getAsLong();
          while (emitted != r && index < page.size()) {
            if (cancelled) {
              release();
              return;
            }
            downstream.onNext(page.get(index++));
            emitted++;
          }
          downstreamNanos += nanoTime.getAsLong() - burstStart;
          if (emitted != 0 && r != Long.MAX_VALUE) {
            requested.addAndGet(-emitted);
          }
          if (index < page.size()) {
            return; // out of demand
          }
          continue; // the page is used up: look at what comes next, demand may have grown meanwhile
        }

        // The current page is used up.
        if (errorAfterCurrent != null && held == null && !fetching) {
          terminate(errorAfterCurrent);
          return;
        }
        if (held instanceof Throwable) {
          terminate((Throwable) held);
          return;
        }
        if (held != null) {
          Page<Run> next = (Page<Run>) held;
          boolean lastAndEmpty = next.getData().isEmpty() && next.getNextCursor() == null;
          if (requested.get() == 0 && !lastAndEmpty) {
            return; // nobody wants its items yet; becoming current would start another fetch
          }
          held = null;
          makeCurrent(next);
          continue;
        }
        if (fetching) {
          return;
        }
        PageRequest request = nextRequest;
        if (request != null) {
          if (requested.get() == 0) {
            return; // lazy: the first page is fetched on the first request
          }
          nextRequest = null;
          startFetch(request, false);
          continue;
        }
        terminate(null);
        return;
      }
    }

    /** Starts emitting {@code page} and fetches the page after it straight away: the one-page prefetch. */
    private void makeCurrent(Page<Run> page) {
      List<Run> previous = current;
      if (previous != null && !previous.isEmpty()) {
        downstreamNanosPerRun = downstreamNanos / previous.size();
      }
      // Per run, so that an empty or short page says nothing about downstream's speed on a full one.
      long expected = downstreamNanosPerRun == Long.MAX_VALUE ? Long.MAX_VALUE
          : downstreamNanosPerRun * page.getData().size();
      boolean keptUp = keptUp(arrivedAt - fetchDueAt, expected);
      current = page.getData();
      index = 0;
      downstreamNanos = 0;
      String cursor = page.getNextCursor();
      if (cursor == null) {
        return;
      }
      // Following a repeated cursor would fetch a page already delivered, forever; this page's runs are new.
      errorAfterCurrent = seenCursors.repeatOf(cursor);
      if (errorAfterCurrent != null) {
        return;
      }
      startFetch(page.getRequest().after(cursor), keptUp);
    }

    /**
     * Makes {@code request} the due fetch. If downstream {@code keptUp} and this thread is delivering a
     * fetch, it runs this one itself after that delivery; otherwise a task is scheduled to run it at once,
     * and the delivering thread claims it instead if it gets there first.
     */
    private void startFetch(PageRequest request, boolean keptUp) {
      fetching = true;
      fetchDueAt = nanoTime.getAsLong();
      due.set(request);
      if (!keptUp || Thread.currentThread() != delivering) {
        scheduler.scheduleDirect(this::runDueFetches);
      }
    }

    /**
     * A scheduler task: runs the due fetch unless claimed already, then each one due by the time it has
     * delivered, until none is or its time slice is used up; then the next due fetch gets a task of its own,
     * so that other work queued on a single-threaded scheduler gets the thread between pages.
     */
    private void runDueFetches() {
      long start = nanoTime.getAsLong();
      for (;;) {
        if (nanoTime.getAsLong() - start >= TASK_SLICE_NANOS) {
          if (due.get() != null) {
            scheduler.scheduleDirect(this::runDueFetches);
          }
          return;
        }
        PageRequest request = due.getAndSet(null);
        if (request == null || cancelled) {
          return;
        }
        fetchHere(request);
      }
    }

    /** Fetches on this thread, then delivers the page or failure to the drain loop. */
    private void fetchHere(PageRequest request) {
      CallResult result = new CallResult();
      InterruptibleCall call = new InterruptibleCall(result);
      // Registered before the call runs, so a cancel racing with it always reaches it (a SerialDisposable
      // already disposed disposes what it is given, and then the call never starts). Only the claiming thread
      // writes here, and a fetch only becomes due once the one before it has delivered.
      inFlight.replace(call);
      call.run(() -> fetcher.fetchAsync(filter, request).subscribe(result));
      Object outcome = result.outcome;
      if (outcome != null) {
        // Delivered after the call, outside it: a cancel from downstream then interrupts nothing.
        deliver(outcome);
      } else if (!call.isDisposed()) {
        deliver(new IllegalStateException("PageFetcher.fetchAsync did not complete on the subscribing thread"));
      }
    }

    private void deliver(Object pageOrFailure) {
      arrivedAt = nanoTime.getAsLong();
      arrived = pageOrFailure; // publishes arrivedAt to the drain loop
      delivering = Thread.currentThread();
      try {
        drain();
      } finally {
        delivering = null;
      }
    }

    private void terminate(@Nullable Throwable error) {
      terminated = true;
      inFlight.dispose();
      release();
      if (error == null) {
        downstream.onComplete();
      } else {
        downstream.onError(error);
      }
    }

    /** Drops the pages held, so a cancelled or finished subscription keeps no runs alive. */
    private void release() {
      current = null;
      held = null;
      arrived = null;
    }
  }

  /** The outcome of a fetch run on the calling thread: the page or the failure, unless disposed first. */
  private static final class CallResult extends DisposableSingleObserver<Page<Run>> {
    @Nullable Object outcome;

    @Override
    public void onSuccess(Page<Run> page) {
      outcome = page;
    }

    @Override
    public void onError(Throwable e) {
      outcome = e;
    }
  }
}
