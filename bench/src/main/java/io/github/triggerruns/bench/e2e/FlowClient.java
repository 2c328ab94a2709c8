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
    // blockingSubscribe runs the consumer on this thread, while the flow fetches on its own scheduler.
    runs.flow(RunFilter.allTime(), PageRequest.ofSize(pageSize)).blockingSubscribe(run -> sink.accept(run.getId()));
  }
}
