package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.bench.ForkedJvm;
import io.github.triggerruns.bench.server.PageServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The targets' cell (page size 100, 20,000 runs; the raw loop, {@code iterate} and {@code flow}) measured
 * again in several fresh JVMs, as JMH runs forks. Within one JVM the per-round ratios agree to a few
 * percent, but one JVM's median differed from the next one's by up to 10% for {@code iterate} and 15% for
 * {@code flow}: each JVM's JIT compiles the paths the clients share (Gson's reflective adapter, Okio's
 * reads) its own way. Pooling the rounds of all forks averages that out; each fork's median is printed too,
 * so the spread between JVMs stays visible. Forks are this jar started again with the JVM options of this
 * one, so the benchmark must run from the jar (or a class path holding everything), as documented.
 */
public final class ForkedCell {
  /**
   * The argument that makes the jar a fork:
   * {@code --forked-cell=<minimum warm-up rounds>,<measured rounds>,<server kind>}.
   */
  public static final String FORK_ARGUMENT = "--forked-cell=";
  private static final PagingMatrix.Config CELL = new PagingMatrix.Config(100, 20_000);
  /** A fork reports each client's per-round ratios on one line starting with this. */
  private static final String RATIOS = "forked-cell-ratios\t";

  private ForkedCell() {}

  /**
   * In a fork: runs the cell as {@code spec} (what follows {@link #FORK_ARGUMENT}) says, prints its table,
   * then one line of per-round ratios for each client compared with the raw loop.
   */
  public static void runFork(String spec, PrintStream out) throws Exception {
    String[] parts = spec.split(",");
    int warmupRounds = Integer.parseInt(parts[0]);
    int measuredRounds = Integer.parseInt(parts[1]);
    PageServer.Kind kind = PageServer.Kind.valueOf(parts[2]);
    try (PageServer server = PageServer.start(kind, Duration.ZERO)) {
      List<PagingMatrix.Row> rows = new PagingMatrix(server, Clients.targets(server.baseUrl()),
          PagingMatrix.Warmup.steadyState(warmupRounds), measuredRounds, out).run(List.of(CELL));
      for (PagingMatrix.Row row : rows.subList(1, rows.size())) {
        out.println(RATIOS + row.client() + '\t' + Arrays.stream(row.speedRatios())
            .mapToObj(Double::toString).collect(Collectors.joining(",")));
      }
    }
  }

  /**
   * Runs {@code forks} forks of this jar one after the other, echoing what they print, and reports each
   * client's speed relative to the raw loop: every fork's median, and the median and quartiles of all their
   * rounds pooled. Three decimals, because this is the table the targets are read from.
   */
  public static void run(PageServer.Kind kind, int forks, int warmupRounds, int measuredRounds, PrintStream out)
      throws IOException, InterruptedException {
    Map<String, List<double[]>> ratiosByClient = new LinkedHashMap<>();
    for (int fork = 1; fork <= forks; fork++) {
      out.printf("%nfork %d of %d%n", fork, forks);
      Map<String, double[]> forkRatios = runOneFork(warmupRounds + "," + measuredRounds + "," + kind.name(), out);
      if (fork > 1 && !forkRatios.keySet().equals(ratiosByClient.keySet())) {
        throw new IllegalStateException("fork " + fork + " reported " + forkRatios.keySet() + ", the first "
            + ratiosByClient.keySet());
      }
      forkRatios.forEach((client, ratios) -> ratiosByClient.computeIfAbsent(client, c -> new ArrayList<>())
          .add(ratios));
    }
    out.printf("%npage size %d, %,d runs: speed relative to the raw loop, %d forks of %d measured rounds%n",
        CELL.pageSize(), CELL.runs(), forks, measuredRounds);
    List<String> header = new ArrayList<>(List.of("client"));
    for (int fork = 1; fork <= forks; fork++) {
      header.add("fork " + fork);
    }
    header.addAll(List.of("all rounds", "middle half of rounds"));
    Table table = new Table(header.toArray(new String[0]));
    ratiosByClient.forEach((client, perFork) -> {
      List<Object> cells = new ArrayList<>(List.of(client));
      perFork.forEach(ratios -> cells.add(precise(Samples.Spread.of(ratios).median())));
      Samples.Spread pooled = Samples.Spread.of(perFork.stream().flatMapToDouble(Arrays::stream).toArray());
      cells.add(precise(pooled.median()));
      cells.add(precise(pooled.low()) + "–" + precise(pooled.high()));
      table.row(cells.toArray());
    });
    table.print(out);
  }

  private static String precise(double ratio) {
    return String.format(Locale.ROOT, "%.3fx", ratio);
  }

  /** Runs one fork, echoing its output; returns the per-round ratios it reported, by client. */
  private static Map<String, double[]> runOneFork(String spec, PrintStream out)
      throws IOException, InterruptedException {
    Process fork = ForkedJvm.of(FORK_ARGUMENT + spec).start();
    Map<String, double[]> ratiosByClient = new LinkedHashMap<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(fork.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.startsWith(RATIOS)) {
          out.println(line);
          continue;
        }
        String[] fields = line.substring(RATIOS.length()).split("\t", 2);
        double[] ratios = fields.length < 2 ? new double[0]
            : Arrays.stream(fields[1].split(",")).mapToDouble(Double::parseDouble).toArray();
        if (ratios.length == 0 || ratiosByClient.put(fields[0], ratios) != null) {
          throw new IllegalStateException("a fork reported an unreadable or repeated line: " + line);
        }
      }
      int exit = fork.waitFor();
      if (exit != 0) {
        throw new IllegalStateException("a fork of the benchmark failed (exit " + exit + "); its output is above");
      }
      return ratiosByClient;
    } finally {
      // Not left running (and blocked on a full pipe) when reading its report failed.
      fork.destroyForcibly();
    }
  }
}
