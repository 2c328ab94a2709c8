package io.github.triggerruns;

import io.github.triggerruns.internal.actions.RunActions;
import io.github.triggerruns.internal.export.ParallelRunFlowable;
import io.github.triggerruns.internal.export.WindowPage;
import io.github.triggerruns.internal.http.RateLimitGate;
import io.github.triggerruns.internal.http.RateLimitState;
import io.github.triggerruns.internal.paging.PageFetcher;
import io.github.triggerruns.internal.paging.RunIterator;
import io.github.triggerruns.internal.realtime.RealtimeTransport;
import io.github.triggerruns.internal.rx.RunFlowable;
import io.github.triggerruns.internal.rx.RunWatch;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The runs of one environment: list a page, go through every matching run lazily (blocking, or as RxJava 3
 * streams), or watch runs change live. Obtained from {@link TriggerRuns#runs()}; thread-safe.
 *
 * <p>Remember the server's hidden 7-day window: a filter without createdFrom, createdTo or period only sees
 * runs of the last 7 days. Use {@link RunFilter#allTime()} to see every run. ({@link #watch} always sends
 * its own window instead.)
 *
 * <h2>Threads</h2>
 * The asynchronous methods ({@link #listAsync}, {@link #flow}, {@link #observe}, {@link #watch}) send their
 * requests on the client's scheduler ({@link TriggerRuns.Builder#scheduler}, default
 * {@code Schedulers.io()}) and never block the subscribing thread, so {@code subscribeOn} is not needed.
 * Results arrive on that scheduler's threads: on Android, add
 * {@code .observeOn(AndroidSchedulers.mainThread())} before touching views.
 *
 * <h2>Realtime</h2>
 * {@link #subscribeToRun}, {@link #subscribeToRunsWithTag} and {@link #subscribeToBatch} receive changes
 * pushed by Trigger.dev's realtime API (long-polls, as the official SDK's {@code runs.subscribeTo*}), instead
 * of polling like {@link #watch}. Prefer them whenever the runs are one run, the runs with some tags or a
 * batch: a change arrives as soon as the server sees it, the requests do not count against the
 * environment's API rate limit (only against its cap on concurrent realtime connections), and a public
 * access token is enough. Keep {@link #watch} for filters realtime cannot express.
 * <ul>
 *   <li>They are {@code Observable}s: the server decides when runs change, and a run's state is only worth
 *       having current. Rows are emitted on the thread of the long-poll that received them, and the next
 *       long-poll starts once the subscriber has taken them, so a slow subscriber slows polling instead of
 *       buffering.</li>
 *   <li>Each subscription runs its long-polls one after another, blocking calls on one thread of the
 *       client's scheduler: it holds that thread while live (with {@code Schedulers.io()}, many
 *       subscriptions hold as many threads; a scheduler with fewer threads than subscriptions starves some),
 *       and gives it back only while it waits to retry. Long-polls do not go
 *       through OkHttp's dispatcher, so they never hold up the client's other calls. Their read timeout is
 *       60 s, above the server's 20 s hold.</li>
 *   <li>A change is emitted once, after the server says the shape is up to date; a run is not emitted again
 *       unchanged, also not after the server resets the shape (409, must-refetch).</li>
 *   <li>Connection failures, 5xx and 429 (too many concurrent realtime connections) are retried for as
 *       long as it takes, from where the subscription was, waiting like the client's retries (exponential,
 *       up to {@link TriggerRuns.Builder#maxRetryDelay}) on its scheduler, and so are a 200 that is not
 *       JSON (a captive portal's page) and a reset (409) right after another. 401, 403 (a token lacking the
 *       scope; the exception names the scopes that grant it), 404 (whatever {@code x-should-retry} says, as
 *       the SDK's shape client) and 400 end the subscription with the typed exception; an answer without
 *       the protocol's headers, or a row this client cannot read, with {@link ResponseDecodingException}.</li>
 *   <li>Disposing cancels the request in flight at once.</li>
 * </ul>
 */
public final class Runs {
  private final PageFetcher fetcher;
  private final Scheduler scheduler;
  private final RunActions actions;
  private final RateLimitGate rateLimit;
  private final RealtimeSubscriptions realtime;

  Runs(PageFetcher fetcher, Scheduler scheduler, RunActions actions, RateLimitGate rateLimit,
      RealtimeTransport realtime) {
    this.fetcher = fetcher;
    this.scheduler = scheduler;
    this.actions = actions;
    this.rateLimit = rateLimit;
    this.realtime = new RealtimeSubscriptions(realtime);
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

  /** {@link #flow(RunFilter, PageRequest)} with pages of the server's default size (25). */
  public Flowable<Run> flow(RunFilter filter) {
    return flow(filter, PageRequest.defaults());
  }

  /**
   * Every run matching {@code filter}, newest first, as a lazy, backpressure-aware stream: pages of the
   * request's size (from its {@code after} cursor, if any) are fetched as downstream asks for runs, on the
   * client's scheduler.
   *
   * <ul>
   *   <li>Nothing is sent before the subscriber requests its first run.</li>
   *   <li>When the subscriber starts on a page, the next page is fetched at once, as another task on the
   *       scheduler, so it is usually there when needed; no page beyond that one is fetched until the
   *       subscriber reaches it. So {@code request(1)} costs two requests, and an operator that requests in
   *       batches, like {@code observeOn} (128), makes pages follow as those batches are consumed.</li>
   *   <li>Cancelling cancels the request in flight, interrupting a wait between its retries; none is sent
   *       afterwards.</li>
   *   <li>Short and empty pages are passed over while the server says more follow. A retried page (retries
   *       happen in the HTTP layer) is neither lost nor repeated.</li>
   *   <li>Errors are the typed exceptions ({@link TriggerApiException} subclasses), signalled after the runs
   *       before them. A cursor the server returns twice ends the stream with {@link PaginationException}
   *       after the runs of the page carrying it, instead of looping forever.</li>
   * </ul>
   * Each subscription starts over. Remember the hidden 7-day window (see {@link RunFilter}).
   *
   * @throws InvalidRequestException when the request has a {@code before} cursor (the stream goes to older
   *     runs; start from a page's next cursor instead)
   */
  public Flowable<Run> flow(RunFilter filter, PageRequest request) {
    Objects.requireNonNull(filter, "filter");
    checkNoBeforeCursor(request, "flow()");
    return new RunFlowable(fetcher, filter, request, scheduler);
  }

  /** {@link #observe(RunFilter, PageRequest)} with pages of the server's default size (25). */
  public Observable<Run> observe(RunFilter filter) {
    return observe(filter, PageRequest.defaults());
  }

  /**
   * The same sequence as {@link #flow(RunFilter, PageRequest)}, as an Observable. Observables have no
   * backpressure, so pages are fetched one after another (each as the previous one starts being emitted)
   * until the last or until disposed: use {@link #flow} to pace fetching by consumption.
   *
   * @throws InvalidRequestException when the request has a {@code before} cursor
   */
  public Observable<Run> observe(RunFilter filter, PageRequest request) {
    return flow(filter, request).toObservable();
  }

  /** {@link #watch(RunFilter, WatchOptions)} with {@link WatchOptions#defaults()}. */
  public Observable<RunEvent> watch(RunFilter filter) {
    return watch(filter, WatchOptions.defaults());
  }

  /** {@link #watch(RunFilter, PageRequest, WatchOptions)} reading pages of 100 runs, the most the server serves. */
  public Observable<RunEvent> watch(RunFilter filter, WatchOptions options) {
    return watch(filter, PageRequest.ofSize(PageRequest.MAX_SIZE), options);
  }

  /**
   * Watches the runs matching {@code filter} by polling, and emits a {@link RunEvent} for each change:
   * CREATED when a run is first seen, UPDATED when its status or {@code updatedAt} changes, FINISHED when it
   * reaches a terminal status. A run first seen already finished gets CREATED then FINISHED (see
   * {@link RunEvent}). Within one poll, events come newest run first.
   *
   * <pre>{@code
   * client.runs().watch(RunFilter.builder().batch(batchId).build(),
   *         WatchOptions.builder().stopWhenAllFinished(true).build())
   *     .filter(e -> e.getType() == RunEvent.Type.FINISHED)
   *     .subscribe(e -> System.out.println(e.getRun().getId() + " " + e.getRun().getStatus()));
   * }</pre>
   *
   * <p><b>Window.</b> The watch lists runs created since {@link WatchOptions.Builder#since since}, or
   * {@link WatchOptions.Builder#lookback lookback} (default 1 hour) before subscription, sent as an explicit
   * {@code filter[createdAt][from]}: never the server's hidden 7-day window. When {@code filter} sets its
   * own createdFrom, createdTo or period, that window is used as is (a period slides with time: runs that
   * fall out of it stop being watched).
   *
   * <p><b>Cost.</b> One poll per interval, the next one starting {@code pollInterval} after the previous one
   * ended; polls never overlap. The first poll reads the whole window. Later polls read newest first only
   * down to the oldest run still going (finished runs do not change), or to the newest run seen when none
   * is: usually one request. A run that a poll no longer finds has left the filter (for example a status
   * filter) and is not waited for any more; it gets no event unless it comes back. The watch remembers the
   * id and last status of every run it has seen, so choose the window to fit memory too.
   *
   * <p><b>Failures.</b> Connection failures, 5xx and 429 answers (each already retried by the HTTP layer)
   * do not end the watch: the next poll waits twice the interval per failure in a row (capped at 1 minute,
   * or the interval if longer), and after a 429 at least until the rate limit resets. The watch ends with
   * the typed exception after {@link WatchOptions.Builder#maxConsecutiveFailures maxConsecutiveFailures}
   * failed polls in a row. Other errors ({@link BadRequestException}, {@link AuthenticationException},
   * {@link PermissionDeniedException}, {@link NotFoundException}, ...) end it at once.
   *
   * <p><b>End.</b> Never by itself, unless {@link WatchOptions.Builder#stopWhenAllFinished
   * stopWhenAllFinished}: then it completes after a poll that found no new run, once at least one run has
   * been seen and none is still going. Disposing stops it at once: the pending timer or the request in
   * flight is cancelled and nothing more is sent.
   *
   * <p><b>Threads.</b> Polls and timers run on the client's scheduler and events arrive there, one at a
   * time; on Android add {@code .observeOn(AndroidSchedulers.mainThread())}.
   *
   * @param request the page size to poll with; must not carry a cursor (polls always start at the newest)
   * @throws InvalidRequestException when the request carries a cursor, or when both {@code filter} and
   *     {@code options} set a time window
   */
  public Observable<RunEvent> watch(RunFilter filter, PageRequest request, WatchOptions options) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    if (request.getAfter() != null || request.getBefore() != null) {
      throw new InvalidRequestException("watch() always polls from the newest run and cannot start at a"
          + " cursor. Pass a PageRequest without one, e.g. PageRequest.ofSize(100).");
    }
    if (!filter.usesDefaultWindow() && (options.getLookback() != null || options.getSince() != null)) {
      throw new InvalidRequestException("Both the filter (createdFrom/createdTo/period) and the watch options"
          + " (lookback/since) set the watch window. Set it in one place: remove lookback/since from"
          + " WatchOptions, or createdFrom/createdTo/period from the RunFilter.");
    }
    return new RunWatch(fetcher, filter, request, options, scheduler);
  }

  /** {@link #subscribeToRun(String, SubscribeOptions)} with the defaults: completes once the run finishes. */
  public Observable<RealtimeRun> subscribeToRun(String runId) {
    return subscribeToRun(runId, SubscribeOptions.defaults());
  }

  /**
   * The run, pushed by the realtime API each time it changes: first as it is now, then after every change,
   * until it finishes (unless {@link SubscribeOptions.Builder#stopWhenFinished stopWhenFinished(false)}).
   * Use this rather than {@link #watch} for one run, a tag or a batch: changes arrive within milliseconds,
   * no request counts against the environment's API rate limit, and a public access token scoped to the
   * run is enough. See "Realtime" above for
   * threads, connections and failures.
   *
   * @throws InvalidRequestException when the id is blank, or the options are for tag subscriptions
   */
  public Observable<RealtimeRun> subscribeToRun(String runId, SubscribeOptions options) {
    return realtime.run(runId, options);
  }

  /** {@link #subscribeToRunsWithTag(Collection, SubscribeOptions)} with the defaults. */
  public Observable<RealtimeRun> subscribeToRunsWithTag(String... tags) {
    return subscribeToRunsWithTag(Arrays.asList(tags), SubscribeOptions.defaults());
  }

  /**
   * The runs carrying every one of {@code tags}, created within the window (default 24 hours, at most one
   * day: {@link SubscribeOptions.Builder#createdWithin}), each time one changes: first each as it is now,
   * then every change. Never completes by itself. Polling with {@link #watch} remains for what realtime
   * cannot express: status, task, version, queue, machine and time filters, and windows over a day.
   *
   * @throws InvalidRequestException when no tag is given, a tag is blank or holds a comma, a double quote,
   *     a backslash or a control character (the server refuses them), or stopWhenFinished is set
   */
  public Observable<RealtimeRun> subscribeToRunsWithTag(Collection<String> tags, SubscribeOptions options) {
    return realtime.tags(tags, options);
  }

  /** {@link #subscribeToBatch(String, SubscribeOptions)} with the defaults. */
  public Observable<RealtimeRun> subscribeToBatch(String batchId) {
    return subscribeToBatch(batchId, SubscribeOptions.defaults());
  }

  /**
   * The runs of batch {@code batchId} ({@code batch_...}), each time one changes: first each as it is
   * now, then every change. Never completes by itself: dispose it once every run is finished.
   *
   * @throws InvalidRequestException when the id is blank, or the options are for tag subscriptions
   */
  public Observable<RealtimeRun> subscribeToBatch(String batchId, SubscribeOptions options) {
    return realtime.batch(batchId, options);
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
    checkNoBeforeCursor(request, "iterate()");
    return () -> new RunIterator(fetcher, filter, request);
  }

  private static void checkNoBeforeCursor(PageRequest request, String method) {
    if (request.getBefore() != null) {
      throw new InvalidRequestException(method + " goes from newer to older runs and cannot start at a"
          + " 'before' cursor. Start it with PageRequest.after(...) or without a cursor.");
    }
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

  /**
   * The run's details: payload, output, error, schedule, related runs and more. Right after a trigger the
   * server may not know the run yet and answers 404 with {@code x-should-retry: true}: that is retried like
   * a 5xx (with backoff, up to {@link TriggerRuns.Builder#maxRetries}) before {@link NotFoundException}.
   *
   * @throws InvalidRequestException when {@code runId} is not a run id ({@code run_...}), before any request
   * @throws NotFoundException when no run of the key's environment has this id
   */
  public RunDetails retrieve(String runId) {
    return blocking(actions.retrieve(runId).map(RunDetails::new));
  }

  /** {@link #retrieve(String)}, sent when subscribed, on the client's scheduler. */
  public Single<RunDetails> retrieveAsync(String runId) {
    return actions.retrieve(runId).map(RunDetails::new).subscribeOn(scheduler);
  }

  /**
   * Cancels the run. Idempotent on the server: a run that already finished is answered 200 and left as it
   * is, so a retried cancel is harmless. A public access token may cancel the runs its write scopes name
   * ({@link PublicTokenOptions.Builder#writeRuns}, {@link PublicTokenOptions.Builder#writeTasks}).
   *
   * @throws InvalidRequestException when {@code runId} is not a run id, before any request
   * @throws NotFoundException when no run of the key's environment has this id
   */
  public void cancel(String runId) {
    blocking(actions.cancel(runId).toSingleDefault(runId));
  }

  /** {@link #cancel(String)}, sent when subscribed, on the client's scheduler. */
  public Completable cancelAsync(String runId) {
    return actions.cancel(runId).subscribeOn(scheduler);
  }

  /**
   * Replays the run: the server creates a new run with the same task, payload and options, and this returns
   * the new run's id.
   *
   * <p><b>Not idempotent.</b> Every replay request that reaches the server makes a new run (the route does
   * not honour {@code x-trigger-request-idempotency-key}). So a replay is never sent again once it may have
   * reached the server: a timeout, a 5xx, or a connection dropped after sending fails the call at once
   * ({@link ApiConnectionException}, {@link ServerException}), and the run may or may not have been replayed:
   * look for it (e.g. {@link #list} by task and time) before replaying again. It is retried only when it
   * surely was not processed: no connection could be made, 429 (the rate limit is checked first), or the
   * server's {@code x-should-retry: true}.
   *
   * @throws InvalidRequestException when {@code runId} is not a run id, or this client was built with a public
   *     access token (the server replays only for the secret key), before any request
   * @throws NotFoundException when no run of the key's environment has this id
   */
  public String replay(String runId) {
    return blocking(actions.replay(runId));
  }

  /** {@link #replay(String)}, sent when subscribed, on the client's scheduler; not idempotent either. */
  public Single<String> replayAsync(String runId) {
    return actions.replay(runId).subscribeOn(scheduler);
  }

  /**
   * Moves a DELAYED run's start to {@code delay} from now (sent in whole seconds, e.g. {@code "3600s"}).
   * Returns the run's details after the change.
   *
   * @throws InvalidRequestException when {@code runId} is not a run id, {@code delay} is not a positive
   *     number of whole seconds, or this client was built with a public access token (the server reschedules
   *     only for the secret key), before any request
   * @throws BadRequestException when the run is not DELAYED ("Cannot reschedule a run that is not delayed")
   * @throws NotFoundException when no run of the key's environment has this id
   */
  public RunDetails reschedule(String runId, Duration delay) {
    return blocking(actions.reschedule(runId, delay).map(RunDetails::new));
  }

  /** Moves a DELAYED run's start to {@code until}, which must be in the future; see {@link #reschedule(String, Duration)}. */
  public RunDetails reschedule(String runId, Instant until) {
    return blocking(actions.reschedule(runId, until).map(RunDetails::new));
  }

  /** {@link #reschedule(String, Duration)}, sent when subscribed, on the client's scheduler. */
  public Single<RunDetails> rescheduleAsync(String runId, Duration delay) {
    return actions.reschedule(runId, delay).map(RunDetails::new).subscribeOn(scheduler);
  }

  /** {@link #reschedule(String, Instant)}, sent when subscribed, on the client's scheduler. */
  public Single<RunDetails> rescheduleAsync(String runId, Instant until) {
    return actions.reschedule(runId, until).map(RunDetails::new).subscribeOn(scheduler);
  }

  /** Sends {@code call} on the calling thread; its errors are already typed (and unchecked, so unwrapped). */
  private static <T> T blocking(Single<T> call) {
    return call.blockingGet();
  }

  /**
   * Every run matching {@code filter}, listed by up to {@link ParallelOptions#getParallelism()} cursors at
   * once over disjoint createdAt windows: for exports, where one cursor's round trips, not the rate limit,
   * would bound the speed. See {@link #flowParallelPages} for how; this is its runs, page after page.
   *
   * <p><b>Order: none to rely on.</b> Runs come page by page as the windows' pages arrive; within a page,
   * newest first. Sort afterwards if order matters (by {@code createdAt}, then id). Every run is delivered
   * exactly once.
   *
   * @throws InvalidRequestException when the filter has no time window (see {@link #flowParallelPages}) or
   *     the checkpoint to resume from is not one
   */
  public Flowable<Run> flowParallel(RunFilter filter, ParallelOptions options) {
    return flowParallelPages(filter, options).concatMapIterable(ParallelPage::getRuns, 1);
  }

  /**
   * {@link #flowParallel} as a blocking {@link Iterable}: each {@code iterator()} starts a listing, fetching
   * ahead on the client's scheduler up to the options' buffer. Iterate to the end, or use
   * {@link #flowParallel} to be able to stop early.
   */
  public Iterable<Run> iterateParallel(RunFilter filter, ParallelOptions options) {
    return flowParallel(filter, options).blockingIterable(options.getPageSize());
  }

  /**
   * Every run matching {@code filter}, page by page, each page with a checkpoint to resume from: the
   * listing behind {@link #flowParallel}.
   *
   * <ul>
   *   <li><b>A time window is required</b>: createdFrom and/or createdTo, a period (turned into a fixed
   *       range when the listing starts), or {@link RunFilter#allTime()}. A filter without one would only
   *       see the last 7 days (the server's hidden default) and is refused. A missing end is the start time.
   *       The listing first finds where the runs really are: one request for the newest, then a few rounds
   *       of concurrent one-run requests that narrow down the oldest (about 5 round trips and 4 requests a
   *       cursor).</li>
   *   <li><b>Windows and work stealing.</b> The range is cut into one window of milliseconds a cursor
   *       (both ends inclusive, so no two windows share a millisecond), each walked newest first. A cursor
   *       whose window is done takes over the older half of what is left of the window with the most runs
   *       estimated to go (what is left is known from the runs that window has returned, as pages come
   *       newest first); runs in the millisecond of the cut stay with the window that was cut, whose cursor
   *       goes on through them. Skewed ranges and empty windows balance out by themselves.</li>
   *   <li><b>The rate limit is shared.</b> No request is started that could bring the environment's
   *       {@code x-ratelimit-remaining} below {@link ParallelOptions#getBudgetReserve()} of
   *       {@code x-ratelimit-limit}, so the application's own calls keep working; fewer requests are in
   *       flight while the budget is low, and after a reset one request learns the refilled budget before
   *       more follow. A page that fails with a 429 after the HTTP layer's retries is fetched again after
   *       the reset (up to 5 times in a row): no run is lost.</li>
   *   <li><b>Memory</b> is bounded: fetching pauses while {@link ParallelOptions#getBufferedPages()} pages
   *       wait for the subscriber, so at most that many plus one a request in flight are held.</li>
   *   <li><b>Order:</b> pages in the order they arrive, not by creation time.</li>
   *   <li><b>Errors</b> other than 429 (after the HTTP layer's retries) end the stream, after the pages
   *       already fetched; the last page's checkpoint resumes from there. Cancelling cancels the requests in
   *       flight.</li>
   *   <li><b>Resuming</b>: {@link ParallelOptions.Builder#resumeFrom} with a page's
   *       {@link ParallelPage#getCheckpoint()} and the same filter delivers exactly the runs not delivered
   *       up to that page.</li>
   * </ul>
   * Fetches run on the client's scheduler; pages arrive on its threads, one at a time.
   *
   * @throws InvalidRequestException when the filter has no time window, or the checkpoint is not one
   */
  public Flowable<ParallelPage> flowParallelPages(RunFilter filter, ParallelOptions options) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(options, "options");
    return new ParallelRunFlowable(fetcher, filter, options, scheduler, rateLimit).map(Runs::publicPage);
  }

  private static ParallelPage publicPage(WindowPage page) {
    RateLimitState budget = page.rateLimit;
    return new ParallelPage(page.runs, page.checkpoint, page.estimatedRemainingRuns,
        budget == null ? null : budget.remaining(), budget == null ? null : budget.limit());
  }
}
