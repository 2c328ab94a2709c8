package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.TriggerRuns;

/** The facade client as the benchmarks use it: every default, a dummy key, the local server. */
public final class Clients {
  private Clients() {}

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
