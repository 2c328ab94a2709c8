package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.TriggerRuns;
import java.util.List;

/** The facade client as the benchmarks use it: every default, a dummy key, the local server. */
public final class Clients {
  private Clients() {}

  /**
   * What the targets compare, the baseline first: the raw loop, then {@code iterate} and {@code flow} over one
   * default client.
   */
  public static List<PagingClient> targets(String baseUrl) {
    TriggerRuns client = facade(baseUrl);
    return List.of(new RawLoopClient(baseUrl), new IterateClient(client), new FlowClient(client));
  }

  public static TriggerRuns facade(String baseUrl) {
    return builder(baseUrl).build();
  }

  /** The same, but with {@code keepAdditionalFields(false)}: the same work per run as the raw loop. */
  public static TriggerRuns facadeWithoutAdditionalFields(String baseUrl) {
    return builder(baseUrl).keepAdditionalFields(false).build();
  }

  private static TriggerRuns.Builder builder(String baseUrl) {
    return TriggerRuns.builder().secretKey("tr_dev_bench").baseUrl(baseUrl);
  }
}
