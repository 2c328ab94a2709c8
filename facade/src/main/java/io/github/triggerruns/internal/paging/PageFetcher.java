package io.github.triggerruns.internal.paging;

import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.generated.api.RunsApi;
import io.github.triggerruns.generated.model.ListRunItem;
import io.github.triggerruns.generated.model.ListRunsResult;
import io.github.triggerruns.generated.model.ListRunsResultPagination;
import io.github.triggerruns.internal.errors.ErrorMapper;
import io.github.triggerruns.internal.http.RetryPolicy;
import io.github.triggerruns.internal.http.Sleeper;
import io.github.triggerruns.internal.json.BodyCutOffException;
import io.github.triggerruns.internal.json.ListRunItemWithExtras;
import io.github.triggerruns.internal.query.WireModels;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Fetches one page of runs through the generated Retrofit interface: exactly one logical request (retries
 * happen below, in the HTTP layer), typed errors, and every page presented newest first.
 */
public final class PageFetcher {
  private final RunsApi api;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final PageFactory pages;

  /**
   * Fetches through {@code api}; re-fetches pages whose body was cut off as {@code policy} allows; makes
   * the runs and pages it returns with {@code pages}.
   */
  public PageFetcher(RunsApi api, RetryPolicy policy, Sleeper sleeper, PageFactory pages) {
    this.api = api;
    this.policy = policy;
    this.sleeper = sleeper;
    this.pages = pages;
  }

  /** The page, fetched on the calling thread. */
  public Page<Run> fetch(RunFilter filter, PageRequest request) {
    try {
      return fetchAsync(filter, request).blockingGet();
    } catch (RuntimeException e) {
      throw ErrorMapper.map(e, policy.callTimeout());
    }
  }

  /** The page, fetched when subscribed, on the subscribing thread; errors are the typed exceptions. */
  public Single<Page<Run>> fetchAsync(RunFilter filter, PageRequest request) {
    return Single.defer(() -> {
      // One logical call: every attempt below resubscribes this same call, with the same arguments.
      Single<ListRunsResult> call =
          api.listRunsV1(WireModels.page(request), WireModels.filter(filter)).singleOrError();
      return call.retry(this::refetchAfterCutOff);
    })
        .map(result -> toPage(result, filter, request))
        .onErrorResumeNext(e -> Single.error(ErrorMapper.map(e, policy.callTimeout())));
  }

  /**
   * Whether to fetch the page again after attempt {@code attempts} failed with {@code failure}, waiting
   * first. Only a body cut off while decoding is retried here; failures before the answer arrived were
   * already retried in the HTTP layer.
   */
  private boolean refetchAfterCutOff(int attempts, Throwable failure) throws InterruptedIOException {
    if (!(failure instanceof BodyCutOffException)) {
      return false;
    }
    Duration wait = policy.afterIoError((IOException) failure, attempts - 1);
    if (wait == null) {
      return false;
    }
    sleeper.sleep(wait);
    return true;
  }

  private Page<Run> toPage(ListRunsResult result, RunFilter filter, PageRequest request) {
    List<ListRunItem> items = result.getData() == null ? Collections.<ListRunItem>emptyList() : result.getData();
    List<Run> runs = new ArrayList<>(items.size());
    for (ListRunItem item : items) {
      runs.add(pages.run(item, item instanceof ListRunItemWithExtras
          ? ((ListRunItemWithExtras) item).additionalFields() : Collections.emptyMap()));
    }
    if (request.getBefore() != null) {
      // The server answers page[before] oldest first; every page this client returns is newest first.
      Collections.reverse(runs);
    }
    ListRunsResultPagination pagination = result.getPagination();
    String next = pagination == null ? null : pagination.getNext();
    String previous = pagination == null ? null : pagination.getPrevious();
    return pages.page(runs, next, previous, request, neighbour -> fetch(filter, neighbour));
  }
}
