package io.github.triggerruns.bench.export;

import io.github.triggerruns.PageRequest;
import io.github.triggerruns.ParallelOptions;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.TriggerRuns;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultPlan;
import io.github.triggerruns.testkit.RateLimit;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The parallel export ({@code Runs.flowParallel}) against the testkit with the live rate limit and 150-250 ms
 * a page, beside sequential {@code iterate} over the same filter; and a million runs exported under a small
 * heap (the server then runs in a JVM of its own). Prints figures; asserts nothing.
 *
 * <pre>
 * java -cp bench/target/trigger-runs-bench.jar io.github.triggerruns.bench.export.ExportBench \
 *     [--runs=100000] [--parallel=8] [--variants=uniform,skewed,faults] [--latency=150-250] [--no-sequential]
 * java -Xmx64m -cp bench/target/trigger-runs-bench.jar io.github.triggerruns.bench.export.ExportBench \
 *     --memory [--runs=1000000]
 * </pre>
 */
public final class ExportBench {
  private static final Fault[] FAULTS = {Fault.HTTP_500, Fault.HTTP_503, Fault.HTTP_429, Fault.CONNECTION_RESET,
      Fault.TRUNCATED_BODY};

  private final PrintStream out;
  private final int runs;
  private final int parallelism;
  private final Duration latencyMin;
  private final Duration latencyMax;
  private final boolean sequential;

  private ExportBench(PrintStream out, int runs, int parallelism, Duration latencyMin, Duration latencyMax,
      boolean sequential) {
    this.sequential = sequential;
    this.out = out;
    this.runs = runs;
    this.parallelism = parallelism;
    this.latencyMin = latencyMin;
    this.latencyMax = latencyMax;
  }

  public static void main(String[] args) throws Exception {
    Integer runs = null;
    int parallelism = ParallelOptions.defaults().getParallelism();
    boolean memory = false;
    boolean sequential = true;
    List<String> variants = List.of("uniform", "skewed", "faults");
    long[] latency = {150, 250};
    for (String arg : args) {
      if (arg.startsWith("--runs=")) {
        runs = Integer.parseInt(arg.substring(7).replace("_", "").replace(",", ""));
      } else if (arg.startsWith("--parallel=")) {
        parallelism = Integer.parseInt(arg.substring(11));
      } else if (arg.startsWith("--variants=")) {
        variants = Arrays.asList(arg.substring(11).split(","));
      } else if (arg.startsWith("--latency=")) {
        String[] range = arg.substring(10).split("-");
        latency = new long[] {Long.parseLong(range[0]), Long.parseLong(range[range.length - 1])};
      } else if (arg.equals("--no-sequential")) {
        sequential = false;
      } else if (arg.equals("--memory")) {
        memory = true;
      } else {
        throw new IllegalArgumentException("unknown argument " + arg + "; see the class comment");
      }
    }
    PrintStream out = System.out;
    out.println("trigger-runs parallel export benchmark");
    out.printf(Locale.ROOT, "%d CPUs, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    ExportBench bench = new ExportBench(out, runs == null ? (memory ? 1_000_000 : 100_000) : runs, parallelism,
        Duration.ofMillis(latency[0]), Duration.ofMillis(latency[1]), sequential);
    long start = System.nanoTime();
    if (memory) {
      bench.memory();
    } else {
      for (String variant : variants) {
        bench.variant(variant);
      }
    }
    out.printf(Locale.ROOT, "%ndone in %.0f s (load average %.1f)%n", (System.nanoTime() - start) / 1e9,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private FakeTriggerServer server(boolean skewed, boolean faults, Instant now) {
    FaultPlan plan = (faults ? FaultPlan.random(7, 0.1, FAULTS) : FaultPlan.none())
        .withLatency(latencyMin, latencyMax);
    FakeTriggerServer server = FakeTriggerServer.builder().runs(0).rateLimit(RateLimit.live()).faults(plan)
        .build().start();
    ExportData.seed(server, runs, skewed, now);
    return server;
  }

  private TriggerRuns client(FakeTriggerServer server, RequestLog log, boolean faults) {
    return TriggerRuns.builder().secretKey(server.secretKey()).baseUrl(server.baseUrl())
        .okHttpClient(new OkHttpClient.Builder().addNetworkInterceptor(log).build())
        // With one request in ten failing, five attempts in a row fail once in 100,000 pages: allow more.
        .maxRetries(faults ? 8 : 4)
        .build();
  }

  private void variant(String name) {
    boolean skewed = name.equals("skewed");
    boolean faults = name.equals("faults");
    Instant now = Instant.now();
    out.printf(Locale.ROOT, "%n== %s: %,d runs over a year%s, %d-%d ms a page, live rate limit (burst %d, %d per"
            + " %d s), reserve %.0f%%, parallelism %d%s ==%n", name, runs,
        skewed ? " (90% in the last day)" : "", latencyMin.toMillis(), latencyMax.toMillis(),
        RateLimit.live().burst(), RateLimit.live().refillAmount(), RateLimit.live().refillPeriod().getSeconds(),
        100 * ParallelOptions.defaults().getBudgetReserve(), parallelism,
        faults ? ", 10% of requests faulted (500, 503, 429, reset, truncated)" : "");
    Result parallel;
    try (FakeTriggerServer server = server(skewed, faults, now)) {
      RequestLog log = new RequestLog();
      ParallelOptions options = ParallelOptions.builder().parallelism(parallelism).build();
      parallel = measure(server, log, consumer -> client(server, log, faults).runs()
          .flowParallel(RunFilter.allTime(), options).blockingForEach(consumer::accept));
      print("parallel export", parallel, server);
      long reserve = (long) Math.ceil(RateLimit.live().burst() * options.getBudgetReserve());
      long[] steady = log.steadyState(reserve + parallelism);
      if (!faults) {
        if (steady == null) {
          out.println("  steady state: the export ended before two refills of the budget; use more runs");
        } else {
          long granted = steady[1] * RateLimit.live().refillAmount();
          out.printf(Locale.ROOT, "  steady state: %d requests in %d refill period(s) that granted %d beyond the"
              + " reserve: %.0f%% of the budget allowed%n", steady[0], steady[1], granted, 100.0 * steady[0] / granted);
        }
      }
      out.printf(Locale.ROOT, "  lowest x-ratelimit-remaining seen: %d (reserve %d); server faults: %s%n",
          log.lowestRemaining(), reserve, server.faultCounts());
      out.printf(Locale.ROOT, "  time with no request in flight (waiting for the budget%s): %.0f%%%n",
          faults ? " or a retry" : "", 100 * log.idleShare());
    }
    if (faults || !sequential) {
      return; // the speed under faults says little; the point is the exact set
    }
    try (FakeTriggerServer server = server(skewed, false, now)) {
      RequestLog log = new RequestLog();
      Result sequential = measure(server, log, consumer -> {
        for (Run run : client(server, log, false).runs().iterate(RunFilter.allTime(), PageRequest.ofSize(100))) {
          consumer.accept(run);
        }
      });
      print("sequential iterate", sequential, server);
      out.printf(Locale.ROOT, "  parallel / sequential: %.1fx faster%n", sequential.seconds / parallel.seconds);
    }
  }

  /** What one listing delivered, and how long it took. */
  private static final class Result {
    double seconds;
    long delivered;
    long lost;
    long repeated;
    int requests;
  }

  private Result measure(FakeTriggerServer server, RequestLog log, Consumer<Consumer<Run>> listing) {
    Set<String> expected = new HashSet<>();
    for (FakeRun run : server.runs()) {
      expected.add(run.id());
    }
    Set<String> seen = new HashSet<>();
    Result result = new Result();
    long start = System.nanoTime();
    listing.accept(run -> {
      result.delivered++;
      if (!seen.add(run.getId())) {
        result.repeated++;
      }
    });
    result.seconds = (System.nanoTime() - start) / 1e9;
    expected.removeAll(seen);
    result.lost = expected.size();
    result.requests = log.attempts();
    return result;
  }

  private void print(String what, Result r, FakeTriggerServer server) {
    out.printf(Locale.ROOT, "  %-19s %7.1f s %7.0f runs/s %,7d requests  runs: %,d delivered, %d lost, %d"
        + " repeated%n", what, r.seconds, r.delivered / r.seconds, r.requests, r.delivered, r.lost, r.repeated);
  }

  /** A million runs through the parallel export, the server in a JVM of its own. */
  private void memory() throws Exception {
    out.printf(Locale.ROOT, "%n== memory: %,d runs through flowParallel, max heap %d MB, parallelism %d ==%n",
        runs, Runtime.getRuntime().maxMemory() >> 20, parallelism);
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child = new ProcessBuilder(java, "-Xmx8g", "-cp", System.getProperty("java.class.path"),
        ExportServerMain.class.getName(), Integer.toString(runs))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String[] line = reader.readLine().trim().split(" ");
      long expectedRuns = Long.parseLong(line[2]);
      long expectedChecksum = Long.parseLong(line[3]);
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        pool.resetPeakUsage();
      }
      TriggerRuns client = TriggerRuns.builder().secretKey(line[1]).baseUrl(line[0]).build();
      long[] tally = new long[2];
      long start = System.nanoTime();
      client.runs().flowParallel(RunFilter.allTime(), ParallelOptions.builder().parallelism(parallelism).build())
          .blockingForEach(run -> {
            tally[0]++;
            tally[1] += ExportData.mix(run.getId());
          });
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      out.printf(Locale.ROOT, "  %,d runs in %.1f s (%.0f runs/s); expected %,d; id checksum %s%n", tally[0],
          seconds, tally[0] / seconds, expectedRuns, tally[1] == expectedChecksum ? "matches" : "DIFFERS");
      out.printf(Locale.ROOT, "  peak heap used (sum of the pools' peaks): %.1f MB of %d MB%n", peak / 1048576.0,
          Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      child.getOutputStream().close();
      child.waitFor();
    }
  }
}
