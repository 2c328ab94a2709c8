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
   * The median over rounds of {@code baseline}'s time divided by this client's in the same round: its speed
   * relative to the baseline, paired round by round so that drift between rounds (another job on the
   * machine, a GC, the JIT) moves both sides of each ratio alike.
   */
  double medianSpeedRelativeTo(Samples baseline) {
    if (baseline.nanos.size() != nanos.size() || nanos.isEmpty()) {
      throw new IllegalStateException("rounds do not pair: " + baseline.nanos.size() + " vs " + nanos.size());
    }
    double[] ratios = new double[nanos.size()];
    for (int round = 0; round < ratios.length; round++) {
      ratios[round] = (double) baseline.nanos.get(round) / nanos.get(round);
    }
    Arrays.sort(ratios);
    int mid = ratios.length / 2;
    return ratios.length % 2 == 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
  }

  /** The median; of an even count, the mean of the middle two. */
  static long median(List<Long> values) {
    if (values.isEmpty()) {
      throw new IllegalStateException("no samples");
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }
}
