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
import io.github.triggerruns.internal.json.ListRunItemWithExtras;
import io.github.triggerruns.internal.query.WireModels;
import io.reactivex.rxjava3.core.Single;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Fetches one page of runs through the generated Retrofit interface: exactly one logical request (retries
 * happen below, in the HTTP layer), typed errors, and every page presented newest first.
 */
public final class PageFetcher {
  private final RunsApi api;

  /** Fetches through {@code api}. */
  public PageFetcher(RunsApi api) {
    this.api = api;
  }

  /** The page, fetched on the calling thread. */
  public Page<Run> fetch(RunFilter filter, PageRequest request) {
    try {
      return fetchAsync(filter, request).blockingGet();
    } catch (RuntimeException e) {
      throw ErrorMapper.map(e);
    }
  }

  /** The page, fetched when subscribed, on the subscribing thread; errors are the typed exceptions. */
  public Single<Page<Run>> fetchAsync(RunFilter filter, PageRequest request) {
    return Single.defer(() -> api.listRunsV1(WireModels.page(request), WireModels.filter(filter)).singleOrError())
        .map(result -> toPage(result, filter, request))
        .onErrorResumeNext(e -> Single.error(ErrorMapper.map(e)));
  }

  private Page<Run> toPage(ListRunsResult result, RunFilter filter, PageRequest request) {
    List<ListRunItem> items = result.getData() == null ? Collections.<ListRunItem>emptyList() : result.getData();
    List<Run> runs = new ArrayList<>(items.size());
    for (ListRunItem item : items) {
      runs.add(new Run(item, item instanceof ListRunItemWithExtras
          ? ((ListRunItemWithExtras) item).additionalFields() : Collections.emptyMap()));
    }
    if (request.getBefore() != null) {
      // The server answers page[before] oldest first; every page this client returns is newest first.
      Collections.reverse(runs);
    }
    ListRunsResultPagination pagination = result.getPagination();
    String next = pagination == null ? null : pagination.getNext();
    String previous = pagination == null ? null : pagination.getPrevious();
    return new Page<>(runs, next, previous, request, neighbour -> fetch(filter, neighbour));
  }
}
