package io.github.triggerruns.internal.rx;

import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.internal.paging.PageFetcher;
import io.github.triggerruns.internal.paging.SeenCursors;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
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
 * <p>Why hand-written: RxJava's flattening operators ({@code concatMap}, {@code flatMapIterable}, ...)
 * request their upstream as soon as they are subscribed, and the next page as soon as the current one is
 * used up. Built from them, the stream would fetch before the first {@code request(n)}, and two pages ahead
 * of a subscriber that stops at a page boundary. Here the rule is explicit and is the whole design:
 * <ul>
 *   <li>Nothing is fetched before the first {@code request(n > 0)}.</li>
 *   <li>The page being emitted is the <em>current</em> page. A fetched page becomes current only when
 *       downstream wants an item from it (demand &gt; 0 with the previous page used up), or when it is the
 *       last page and empty.</li>
 *   <li>When a page becomes current, the page after it is fetched at once, as a task on the scheduler, and
 *       no other: at most one page is fetched that downstream has not started to consume.</li>
 *   <li>Cancellation disposes the fetch in flight and no fetch starts after it. The fetch runs through
 *       {@code subscribeOn}, so disposing it cancels its HTTP call and, as RxJava's schedulers stop a
 *       running task, interrupts its thread, ending a wait between retries.</li>
 * </ul>
 * Items are emitted from a serialized drain loop, on whichever thread last delivered a page or a request.
 * A failure of the prefetched page is signalled in sequence, after the items of the current page.
 */
public final class RunFlowable extends Flowable<Run> {
  private final PageFetcher fetcher;
  private final RunFilter filter;
  private final PageRequest first;
  private final Scheduler scheduler;

  /** Every run of {@code filter} from {@code first} on, fetched on {@code scheduler}. */
  public RunFlowable(PageFetcher fetcher, RunFilter filter, PageRequest first, Scheduler scheduler) {
    this.fetcher = fetcher;
    this.filter = filter;
    this.first = first;
    this.scheduler = scheduler;
  }

  @Override
  protected void subscribeActual(Subscriber<? super Run> subscriber) {
    subscriber.onSubscribe(new PagingSubscription(subscriber));
  }

  /**
   * The state machine of one subscription. It is its own work-in-progress counter (the usual RxJava drain
   * pattern); fields without {@code volatile} belong to the drain loop.
   */
  private final class PagingSubscription extends AtomicInteger implements Subscription {
    private static final long serialVersionUID = 1L;

    private final Subscriber<? super Run> downstream;
    private final SeenCursors seenCursors = new SeenCursors(filter, first.getAfter());
    private final AtomicLong requested = new AtomicLong();
    /** The fetch in flight, so that cancellation reaches it. */
    private final SerialDisposable inFlight = new SerialDisposable();
    private volatile boolean cancelled;
    /** The result of the fetch (a {@code Page<Run>} or a Throwable) until it becomes current. */
    private volatile @Nullable Object arrived;
    /** A Reactive Streams rule 3.9 violation (request(n &lt;= 0)) to signal. */
    private volatile @Nullable Throwable badRequest;

    private boolean started;
    /** Whether a fetch was started whose result has not become current yet. */
    private boolean fetching;
    private @Nullable List<Run> current;
    private int index;
    /** Signalled once the current page is used up: the server repeated a cursor. */
    private @Nullable Throwable errorAfterCurrent;
    private boolean terminated;

    PagingSubscription(Subscriber<? super Run> downstream) {
      this.downstream = downstream;
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
      drain();
    }

    private void drain() {
      if (getAndIncrement() != 0) {
        return;
      }
      int missed = 1;
      do {
        drainLoop();
        missed = addAndGet(-missed);
      } while (missed != 0);
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
          continue; // the page is used up: demand may have grown meanwhile
        }

        // The current page is used up (or there is none yet).
        if (errorAfterCurrent != null) {
          terminate(errorAfterCurrent);
          return;
        }
        if (!started) {
          if (requested.get() == 0) {
            return; // lazy: the first page is fetched on the first request
          }
          started = true;
          fetch(first);
          return;
        }
        Object result = arrived;
        if (result == null) {
          if (!fetching) {
            terminate(null); // the current page was the last
          }
          return; // the fetch delivers, then drains
        }
        if (result instanceof Throwable) {
          terminate((Throwable) result);
          return;
        }
        Page<Run> next = (Page<Run>) result;
        boolean lastAndEmpty = next.getData().isEmpty() && next.getNextCursor() == null;
        if (requested.get() == 0 && !lastAndEmpty) {
          return; // nobody wants its items yet; becoming current would fetch the page after it
        }
        arrived = null;
        fetching = false;
        makeCurrent(next);
      }
    }

    /** Starts emitting {@code page} and fetches the page after it: the one-page prefetch. */
    private void makeCurrent(Page<Run> page) {
      current = page.getData();
      index = 0;
      String cursor = page.getNextCursor();
      if (cursor == null) {
        return;
      }
      // Following a repeated cursor would fetch a page already delivered, forever; this page's runs are new.
      errorAfterCurrent = seenCursors.repeatOf(cursor);
      if (errorAfterCurrent == null) {
        fetch(page.getRequest().after(cursor));
      }
    }

    private void fetch(PageRequest request) {
      fetching = true;
      PageObserver observer = new PageObserver();
      // Registered before subscribing, so that a cancel racing with this fetch always reaches it.
      inFlight.replace(observer);
      fetcher.fetchAsync(filter, request).subscribeOn(scheduler).subscribe(observer);
    }

    /** Hands a fetch's page or failure to the drain loop. */
    private void deliver(Object pageOrFailure) {
      // The fetch is over: a cancel from now on must not interrupt this thread while it emits runs. No other
      // fetch can be registered yet, as the next one starts only once this result becomes current.
      inFlight.replace(Disposable.empty());
      arrived = pageOrFailure;
      drain();
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
      arrived = null;
    }

    private final class PageObserver extends DisposableSingleObserver<Page<Run>> {
      @Override
      public void onSuccess(Page<Run> page) {
        deliver(page);
      }

      @Override
      public void onError(Throwable e) {
        deliver(e);
      }
    }
  }
}
