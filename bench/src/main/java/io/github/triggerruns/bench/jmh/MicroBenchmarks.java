package io.github.triggerruns.bench.jmh;

import io.github.triggerruns.bench.e2e.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks from the launcher, with the GC profiler, and prints one table: time per operation
 * and {@code gc.alloc.rate.norm} (bytes allocated per operation). For JMH's own full output, run
 * {@code java -cp trigger-runs-bench.jar org.openjdk.jmh.Main -prof gc}.
 */
public final class MicroBenchmarks {
  private static final String ALLOC = "gc.alloc.rate.norm";
  private static final int RUNS_PER_PAGE = 100;

  private MicroBenchmarks() {}

  public static void run(boolean full, PrintStream out) throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(FilterEncodingBenchmark.class.getName())
        .include(PageDecodingBenchmark.class.getName())
        .include(RequestStackBenchmark.class.getName())
        .addProfiler(GCProfiler.class)
        .jvmArgs("-Xms512m", "-Xmx512m")
        .verbosity(VerboseMode.SILENT);
    if (full) {
      options.forks(2).warmupIterations(5).warmupTime(TimeValue.seconds(2))
          .measurementIterations(10).measurementTime(TimeValue.seconds(2));
    } else {
      options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
          .measurementIterations(5).measurementTime(TimeValue.seconds(1));
    }
    List<RunResult> results = new ArrayList<>(new Runner(options.build()).run());
    results.sort((a, b) -> a.getParams().getBenchmark().compareTo(b.getParams().getBenchmark()));
    print(results, out);
  }

  private static void print(Collection<RunResult> results, PrintStream out) {
    Table table = new Table("benchmark", "time/op", "± (99.9%)", "alloc B/op", "time/run", "alloc B/run");
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      Result<?> primary = result.getPrimaryResult();
      double alloc = allocation(result.getSecondaryResults());
      boolean page = !benchmark.contains(FilterEncodingBenchmark.class.getSimpleName()); // the others: a page
      String unit = primary.getScoreUnit();
      table.row(name, fmt(primary.getScore()) + " " + unit, fmt(primary.getScoreError()), Table.count(alloc),
          page ? fmt(primary.getScore() / RUNS_PER_PAGE * 1000) + " ns" : "",
          page ? Table.count(alloc / RUNS_PER_PAGE) : "");
    }
    table.print(out);
  }

  private static double allocation(Map<String, Result> secondary) {
    for (Map.Entry<String, Result> entry : secondary.entrySet()) {
      if (entry.getKey().endsWith(ALLOC)) {
        return entry.getValue().getScore();
      }
    }
    return Double.NaN;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.2f", value);
  }
}
