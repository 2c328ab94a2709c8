package io.github.triggerruns;

import io.github.triggerruns.internal.paging.PageFetcher;
import io.github.triggerruns.internal.paging.RunIterator;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The runs of one environment: list a page, or go through every matching run lazily. Obtained from
 * {@link TriggerRuns#runs()}; thread-safe.
 *
 * <p>Remember the server's hidden 7-day window: a filter without createdFrom, createdTo or period only sees
 * runs of the last 7 days. Use {@link RunFilter#allTime()} to see every run.
 */
public final class Runs {
  private final PageFetcher fetcher;
  private final Scheduler scheduler;

  Runs(PageFetcher fetcher, Scheduler scheduler) {
    this.fetcher = fetcher;
    this.scheduler = scheduler;
  }

  /** The first page of runs matching {@code filter}, at the server's default size: one request. */
  public Page<Run> list(RunFilter filter) {
    return list(filter, PageRequest.defaults());
  }

  /**
   * The page of runs {@code request} points at: exactly one request (retries included).
   *
   * @throws TriggerApiException (a subclass of it) when the call fails
   */
  public Page<Run> list(RunFilter filter, PageRequest request) {
    return fetcher.fetch(filter, request);
  }

  /**
   * Like {@link #list(RunFilter, PageRequest)}, but fetched when subscribed, on the client's scheduler;
   * errors are the typed exceptions. The page's {@code nextPage()} blocks: chain {@code listAsync} with its
   * cursor to stay asynchronous.
   */
  public Single<Page<Run>> listAsync(RunFilter filter, PageRequest request) {
    return fetcher.fetchAsync(filter, request).subscribeOn(scheduler);
  }

  /** Every run matching {@code filter}, newest first, pages of the server's default size. */
  public Iterable<Run> iterate(RunFilter filter) {
    return iterate(filter, PageRequest.defaults());
  }

  /**
   * Every run matching {@code filter}, newest first, fetched lazily page by page with the request's size,
   * starting at its {@code after} cursor if any. Each {@code iterator()} starts over. At most one page is
   * held in memory; short and empty pages are passed over; retried pages are neither lost nor repeated.
   *
   * @throws InvalidRequestException when the request has a {@code before} cursor (iteration goes to older
   *     runs; start from a page's next cursor instead)
   */
  public Iterable<Run> iterate(RunFilter filter, PageRequest request) {
    if (request.getBefore() != null) {
      throw new InvalidRequestException("iterate() goes from newer to older runs and cannot start at a"
          + " 'before' cursor. Start it with PageRequest.after(...) or without a cursor.");
    }
    return () -> new RunIterator(fetcher, filter, request);
  }

  /** {@link #iterate(RunFilter)} as a sequential, ordered Stream; close it to stop early. */
  public Stream<Run> stream(RunFilter filter) {
    return stream(filter, PageRequest.defaults());
  }

  /** {@link #iterate(RunFilter, PageRequest)} as a sequential, ordered Stream. */
  public Stream<Run> stream(RunFilter filter, PageRequest request) {
    Iterator<Run> runs = iterate(filter, request).iterator();
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(runs, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
