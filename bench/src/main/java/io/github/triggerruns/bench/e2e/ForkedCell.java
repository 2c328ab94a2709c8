package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.TriggerRuns;
import io.github.triggerruns.bench.server.PageServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets' cell (page size 100, 20,000 runs; the raw loop, {@code iterate} and {@code flow}) measured
 * again in several fresh JVMs, as JMH runs forks. Within one JVM the per-round ratios agree to a few
 * percent, but one JVM's median differed from the next one's by up to 10% (0.86x to 0.96x for
 * {@code iterate} in five JVMs in a row): each JVM's JIT compiles the paths the clients share (Gson's
 * reflective adapter, Okio's reads) its own way. Pooling the rounds of all forks averages that out; each
 * fork's median is printed too, so the spread between JVMs stays visible.
 */
public final class ForkedCell {
  /** The argument that makes the jar a fork: {@code --forked-cell=<measured rounds>}. */
  public static final String CHILD_ARGUMENT = "--forked-cell=";
  private static final PagingMatrix.Config CELL = new PagingMatrix.Config(100, 20_000);
  /** A fork reports each client's per-round ratios on one line starting with this. */
  private static final String RATIOS = "forked-cell-ratios\t";
  private static final int MIN_WARMUP_ROUNDS = 4;

  private ForkedCell() {}

  /** In a fork: runs the cell and prints its table, then one {@link #RATIOS} line per compared client. */
  public static void runFork(int measuredRounds, PrintStream out) throws Exception {
    try (PageServer server = PageServer.start(PageServer.Kind.JDK, Duration.ZERO)) {
      TriggerRuns client = Clients.facade(server.baseUrl());
      List<PagingClient> clients = List.of(new RawLoopClient(server.baseUrl()), new IterateClient(client),
          new FlowClient(client));
      List<PagingMatrix.Row> rows =
          new PagingMatrix(server, clients, MIN_WARMUP_ROUNDS, measuredRounds, out).run(List.of(CELL));
      for (PagingMatrix.Row row : rows.subList(1, rows.size())) {
        StringBuilder line = new StringBuilder(RATIOS).append(row.client()).append('\t');
        for (double ratio : row.speedRatios()) {
          line.append(ratio).append(',');
        }
        out.println(line.substring(0, line.length() - 1));
      }
    }
  }

  /**
   * Runs {@code forks} forks of this jar one after the other, echoing what they print, and reports each
   * client's speed relative to the raw loop: every fork's median, and the median and quartiles of all their
   * rounds pooled.
   */
  public static void run(int forks, int measuredRounds, PrintStream out) throws IOException, InterruptedException {
    Map<String, List<double[]>> ratiosByClient = new LinkedHashMap<>();
    for (int fork = 1; fork <= forks; fork++) {
      out.printf("%nfork %d of %d%n", fork, forks);
      runOneFork(measuredRounds, out, ratiosByClient);
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
      perFork.forEach(ratios -> cells.add(Table.ratio(Samples.Spread.of(ratios).median())));
      Samples.Spread pooled = Samples.Spread.of(perFork.stream().flatMapToDouble(Arrays::stream).toArray());
      cells.add(Table.ratio(pooled.median()));
      cells.add(Table.range(pooled));
      table.row(cells.toArray());
    });
    table.print(out);
  }

  private static void runOneFork(int measuredRounds, PrintStream out, Map<String, List<double[]>> ratiosByClient)
      throws IOException, InterruptedException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process fork = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.github.triggerruns.bench.BenchLauncher", CHILD_ARGUMENT + measuredRounds)
        .redirectErrorStream(true)
        .start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(fork.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith(RATIOS)) {
          String[] fields = line.substring(RATIOS.length()).split("\t");
          double[] ratios = Arrays.stream(fields[1].split(",")).mapToDouble(Double::parseDouble).toArray();
          ratiosByClient.computeIfAbsent(fields[0], client -> new ArrayList<>()).add(ratios);
        } else {
          out.println(line);
        }
      }
    }
    int exit = fork.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("a fork of the benchmark failed (exit " + exit + "); its output is above");
    }
  }
}
