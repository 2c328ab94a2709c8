package io.github.triggerruns.bench.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The measured rounds of one client: wall time, CPU time and bytes allocated, reported as medians. */
final class Samples {
  private final List<Long> nanos = new ArrayList<>();
  private final List<Long> cpuNanos = new ArrayList<>();
  private final List<Long> bytes = new ArrayList<>();
  private final List<Long> serverCpuNanos = new ArrayList<>();

  void add(long elapsedNanos, ThreadMeter.Spent spent) {
    nanos.add(elapsedNanos);
    cpuNanos.add(spent.cpuNanos());
    bytes.add(spent.allocatedBytes());
    serverCpuNanos.add(spent.serverCpuNanos());
  }

  void add(long elapsedNanos) {
    add(elapsedNanos, new ThreadMeter.Spent(0, 0, 0));
  }

  long medianNanos() {
    return median(nanos);
  }

  long medianCpuNanos() {
    return median(cpuNanos);
  }

  long medianBytes() {
    return median(bytes);
  }

  long medianServerCpuNanos() {
    return median(serverCpuNanos);
  }

  /**
   * {@code baseline}'s time divided by this client's in the same round, round by round: its speed relative
   * to the baseline, paired so that drift between rounds (another job on the machine, a GC, the JIT) moves
   * both sides of each ratio alike.
   */
  double[] speedRatiosTo(Samples baseline) {
    if (baseline.nanos.size() != nanos.size() || nanos.isEmpty()) {
      throw new IllegalStateException("rounds do not pair: " + baseline.nanos.size() + " vs " + nanos.size());
    }
    double[] ratios = new double[nanos.size()];
    for (int round = 0; round < ratios.length; round++) {
      ratios[round] = (double) baseline.nanos.get(round) / nanos.get(round);
    }
    return ratios;
  }

  /**
   * A median with the quartiles around it: half the rounds fall between {@code low} and {@code high}, which
   * shows how far single rounds disagree.
   */
  record Spread(double low, double median, double high) {
    static Spread of(double[] ratios) {
      double[] sorted = ratios.clone();
      Arrays.sort(sorted);
      return new Spread(quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75));
    }
  }

  /** The median; of an even count, the mean of the middle two. */
  static long median(List<Long> values) {
    double[] sorted = values.stream().mapToDouble(Long::doubleValue).sorted().toArray();
    return (long) quantile(sorted, 0.5);
  }

  /** The {@code q} quantile of sorted values, interpolated between neighbours (the median: as above). */
  private static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalStateException("no samples");
    }
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }
}
