package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.TriggerRuns;

/** The facade's blocking iteration: {@code client.runs().iterate(RunFilter.allTime(), PageRequest.ofSize(n))}. */
public final class IterateClient implements PagingClient {
  private final TriggerRuns client;
  private final String name;

  public IterateClient(TriggerRuns client) {
    this(client, "iterate");
  }

  /** Iteration by {@code client}, reported as {@code name}. */
  public IterateClient(TriggerRuns client, String name) {
    this.client = client;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void drain(int pageSize, RunSink sink) {
    for (Run run : client.runs().iterate(RunFilter.allTime(), PageRequest.ofSize(pageSize))) {
      sink.accept(run.getId());
    }
  }
}
