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
 *   <li>The moment a page becomes current, the page after it is fetched (the prefetch), and no other: so at
 *       most one page is fetched that downstream has not started to consume.</li>
 *   <li>Cancellation disposes the fetch in flight (cancelling its HTTP call) and no fetch starts after it.</li>
 * </ul>
 * Fetches run on the client's scheduler; items are emitted from a serialized drain loop, on whichever thread
 * last delivered a page or a request. Errors of the prefetched page are signalled in sequence, after the
 * items of the current page.
 */
public final class RunFlowable extends Flowable<Run> {
  private final PageFetcher fetcher;
  private final RunFilter filter;
  private final PageRequest first;
  private final Scheduler scheduler;

  /** Every run of {@code filter} from {@code first} on; fetches on {@code scheduler}. */
  public RunFlowable(PageFetcher fetcher, RunFilter filter, PageRequest first, Scheduler scheduler) {
    this.fetcher = fetcher;
    this.filter = filter;
    this.first = first;
    this.scheduler = scheduler;
  }

  @Override
  protected void subscribeActual(Subscriber<? super Run> subscriber) {
    subscriber.onSubscribe(new PagingSubscription(subscriber, fetcher, filter, first, scheduler));
  }

  /** The state machine of one subscription; fields without {@code volatile} belong to the drain loop. */
  static final class PagingSubscription implements Subscription {
    private final Subscriber<? super Run> downstream;
    private final PageFetcher fetcher;
    private final RunFilter filter;
    private final Scheduler scheduler;

    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    /** The fetch in flight, so that cancellation reaches its HTTP call. */
    private final SerialDisposable inFlight = new SerialDisposable();
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
    /** Signalled once the current page is used up: the server repeated a cursor. */
    private @Nullable Throwable errorAfterCurrent;
    private final SeenCursors seenCursors;
    private boolean terminated;

    PagingSubscription(Subscriber<? super Run> downstream, PageFetcher fetcher, RunFilter filter,
        PageRequest first, Scheduler scheduler) {
      this.downstream = downstream;
      this.fetcher = fetcher;
      this.filter = filter;
      this.scheduler = scheduler;
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
          while (emitted != r && index < page.size()) {
            if (cancelled) {
              release();
              return;
            }
            downstream.onNext(page.get(index++));
            emitted++;
          }
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
          startFetch(request);
          continue;
        }
        terminate(null);
        return;
      }
    }

    /** Starts emitting {@code page} and fetches the page after it straight away: the one-page prefetch. */
    private void makeCurrent(Page<Run> page) {
      current = page.getData();
      index = 0;
      String cursor = page.getNextCursor();
      if (cursor == null) {
        return;
      }
      // Following a repeated cursor would fetch a page already delivered, forever; this page's runs are new.
      errorAfterCurrent = seenCursors.repeatOf(cursor);
      if (errorAfterCurrent != null) {
        return;
      }
      startFetch(page.getRequest().after(cursor));
    }

    private void startFetch(PageRequest request) {
      fetching = true;
      DisposableSingleObserver<Page<Run>> observer = new DisposableSingleObserver<Page<Run>>() {
        @Override
        public void onSuccess(Page<Run> page) {
          arrived = page;
          drain();
        }

        @Override
        public void onError(Throwable e) {
          arrived = e;
          drain();
        }
      };
      // Registered before subscribing, so a cancel racing with the fetch always reaches its HTTP call.
      // replace, not set: the fetch before this one has delivered, and we are usually still inside that
      // delivery, on its subscribeOn task. Disposing it would dispose that task's worker, handing this busy
      // thread back to Schedulers.io()'s pool; with no other idle thread there, this fetch would be scheduled
      // on it and wait until the whole current page had been emitted: no prefetch at all.
      inFlight.replace(observer);
      fetcher.fetchAsync(filter, request).subscribeOn(scheduler).subscribe(observer);
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
}
