package io.github.triggerruns.bench.jmh;

import io.github.triggerruns.RunFilter;
import io.github.triggerruns.RunStatus;
import io.github.triggerruns.generated.model.CommonRunsFilter;
import io.github.triggerruns.internal.query.DeepObjectQueryEncoder;
import io.github.triggerruns.internal.query.WireModels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the query of a filter, which the client does for every page it fetches: the filter mapped to the
 * generated model ({@link WireModels#filter}) and spread over deepObject keys
 * ({@link DeepObjectQueryEncoder#encode}), for a filter setting every field and for the all-time filter of
 * a plain iteration; plus the URL built from those pairs, as the query interceptor does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterEncodingBenchmark {
  private RunFilter rich;
  private RunFilter allTime;
  private HttpUrl runsUrl;

  @Setup
  public void setUp() {
    rich = RunFilter.builder()
        .statuses(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CRASHED, RunStatus.TIMED_OUT)
        .taskIdentifiers("send-email", "generate-report", "sync-crm")
        .versions("20250718.1", "20250718.2")
        .tags("user_1042", "org_acme", "priority-high")
        .queues("task/send-email", "emails")
        .machines("small-1x", "medium-1x")
        .regions("us-east-1", "eu-central-1")
        .bulkAction("bulk_cm0pj1tm0000008l47ekx1zgx")
        .schedule("sched_cm0pj1tm0000008l47ekx1zgx")
        .batch("batch_cm0pj1tm0000008l47ekx1zgx")
        .isTest(false)
        .createdFrom(Instant.parse("2025-07-01T00:00:00Z"))
        .createdTo(Instant.parse("2025-07-20T00:00:00Z"))
        .build();
    allTime = RunFilter.allTime();
    runsUrl = HttpUrl.get("https://api.trigger.dev/api/v1/runs?page%5Bsize%5D=100");
  }

  @Benchmark
  public List<Map.Entry<String, String>> richFilterQueryPairs() {
    CommonRunsFilter model = WireModels.filter(rich);
    return DeepObjectQueryEncoder.encode("filter", model);
  }

  @Benchmark
  public List<Map.Entry<String, String>> allTimeFilterQueryPairs() {
    CommonRunsFilter model = WireModels.filter(allTime);
    return DeepObjectQueryEncoder.encode("filter", model);
  }

  @Benchmark
  public HttpUrl richFilterUrl() {
    HttpUrl.Builder url = runsUrl.newBuilder();
    for (Map.Entry<String, String> pair : DeepObjectQueryEncoder.encode("filter", WireModels.filter(rich))) {
      url.addQueryParameter(pair.getKey(), pair.getValue());
    }
    return url.build();
  }
}
