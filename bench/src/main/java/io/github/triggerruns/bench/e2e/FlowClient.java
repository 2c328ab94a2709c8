package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.PageRequest;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.Runs;
import io.github.triggerruns.TriggerRuns;

/** The facade's prefetching stream, {@code client.runs().flow(filter, request)}. */
public final class FlowClient implements PagingClient {
  private final Runs runs;

  /** Drains {@code client}'s runs through {@code flow}. */
  public FlowClient(TriggerRuns client) {
    this.runs = client.runs();
  }

  @Override
  public String name() {
    return "flow";
  }

  @Override
  public void drain(int pageSize, RunSink sink) {
    // The consumer runs where flow emits, as a subscriber's onNext does: blockingSubscribe would add a
    // blocking queue hand-off per run, measuring that queue rather than flow. The next page is fetched on
    // another scheduler thread meanwhile.
    runs.flow(RunFilter.allTime(), PageRequest.ofSize(pageSize))
        .doOnNext(run -> sink.accept(run.getId()))
        .ignoreElements()
        .blockingAwait();
  }
}
