package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.TriggerRuns;

/** The facade client as the benchmarks use it: every default, a dummy key, the local server. */
public final class Clients {
  private Clients() {}

  public static TriggerRuns facade(String baseUrl) {
    return TriggerRuns.builder().secretKey("tr_dev_bench").baseUrl(baseUrl).build();
  }
}
