package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.Runs;
import io.github.triggerruns.TriggerRuns;
import java.util.concurrent.Future;

/**
 * A hand-written one-page prefetch over the facade's {@code listAsync}: the next page is requested before
 * the current one is handed to the consumer. It shows what a prefetching {@code flow} should achieve on the
 * latency benchmark, and proves that benchmark can see latency hiding at all.
 */
public final class PrefetchReferenceClient implements PagingClient {
  /** A listing longer than this is a server bug, not a benchmark. */
  private static final int MAX_PAGES = 100_000;

  private final Runs runs;

  public PrefetchReferenceClient(TriggerRuns client) {
    this.runs = client.runs();
  }

  @Override
  public String name() {
    return "listAsync prefetch (reference)";
  }

  @Override
  public void drain(int pageSize, RunSink sink) throws Exception {
    PageRequest first = PageRequest.ofSize(pageSize);
    Future<Page<Run>> pending = runs.listAsync(RunFilter.allTime(), first).toFuture();
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      Page<Run> page = pending.get();
      String next = page.getNextCursor();
      pending = next == null ? null : runs.listAsync(RunFilter.allTime(), first.after(next)).toFuture();
      for (Run run : page.getData()) {
        sink.accept(run.getId());
      }
      if (pending == null) {
        return;
      }
    }
    throw new IllegalStateException("The listing did not end within " + MAX_PAGES + " pages");
  }
}
