package io.github.triggerruns.bench.e2e;

import io.github.triggerruns.bench.fixture.PageRenderer;
import io.github.triggerruns.bench.fixture.PageSource;
import io.github.triggerruns.bench.fixture.PreRenderedPages;
import io.github.triggerruns.bench.server.PageServer;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The end-to-end paging benchmark: every client drains the same pre-rendered listing from the local server,
 * round after round (warm-up rounds discarded, the median of the measured ones reported), for each page size
 * and listing length. Clients take turns within a round, in a rotating order, so drift (JIT, GC, CPU
 * frequency) spreads over all of them, and each client's speed relative to the baseline is the median of
 * its per-round ratios. Each drain is checked to deliver every run exactly once.
 */
public final class PagingMatrix {
  /** One cell of the matrix. */
  public record Config(int pageSize, int runs) {}

  /**
   * The median round of one client on one config, and its speed relative to the baseline in every round (an
   * array: rows are reported, never compared).
   */
  public record Row(Config config, String client, double runsPerSecond, double pagesPerSecond, double bytesPerRun,
      double cpuMicrosPerPage, double[] speedRatios, boolean inThisJvm) {
    Samples.Spread speedVsBaseline() {
      return Samples.Spread.of(speedRatios);
    }

    String cpu() {
      return inThisJvm ? Table.count(cpuMicrosPerPage) : NOT_HERE;
    }

    String bytes() {
      return inThisJvm ? Table.count(bytesPerRun) : NOT_HERE;
    }
  }

  /**
   * How each config warms up before its rounds are measured: at least {@code minRounds} rounds, until every
   * client has fetched at least {@code minPages} pages through this matrix (earlier configs count), and then
   * until the JIT has settled (see {@link #SETTLED_JIT_SHARE}).
   */
  public record Warmup(int minRounds, int minPages) {
    /**
     * Pages each client fetches before measuring steady state. Code that runs once a page (the HTTP call,
     * interceptors, Retrofit, RxJava, paging) reaches C2 only after thousands of calls, each compilation too
     * short to count against the JIT-time criterion. With {@code -XX:+PrintCompilation}, OkHttp's and the
     * client's per-call methods were still moving from C1's profiling tier to C2 inside the measured rounds
     * after 12,000 pages (the JIT-time criterion alone had passed after about 8,000), and no longer after
     * 30,000. Measured before then, a client pays for its per-page code in C1's slower, profiling form: the
     * more of that code, the more it pays.
     */
    public static final int STEADY_STATE_PAGES = 30_000;

    /** At least {@code minRounds} rounds and {@link #STEADY_STATE_PAGES} pages per client. */
    public static Warmup steadyState(int minRounds) {
      return new Warmup(minRounds, STEADY_STATE_PAGES);
    }

    /** At least {@code minRounds} rounds, however few pages: for clients whose JIT is not this JVM's. */
    public static Warmup rounds(int minRounds) {
      return new Warmup(minRounds, 0);
    }
  }

  /** Shown for the CPU and allocation of a client running outside this JVM. */
  private static final String NOT_HERE = "n/a";

  private final PageServer server;
  private final List<PagingClient> clients;
  private final Warmup warmup;
  private final int measuredRounds;
  private final PrintStream out;
  private final ThreadMeter meter;
  private final Function<Config, PageSource> fixture;
  private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
  /** Pages each client has fetched through this matrix so far, warm-up included (other matrices not). */
  private long pagesPerClient;

  /** {@code clients.get(0)} is the baseline the others are compared with. */
  public PagingMatrix(PageServer server, List<PagingClient> clients, Warmup warmup, int measuredRounds,
      PrintStream out) {
    this(server, clients, warmup, measuredRounds, out,
        config -> new PageRenderer(config.pageSize(), config.runs()));
  }

  /** The same, serving the listings {@code fixture} renders for each config. */
  public PagingMatrix(PageServer server, List<PagingClient> clients, Warmup warmup, int measuredRounds,
      PrintStream out, Function<Config, PageSource> fixture) {
    this.fixture = fixture;
    this.server = server;
    this.clients = clients;
    this.warmup = warmup;
    this.measuredRounds = measuredRounds;
    this.out = out;
    this.meter = new ThreadMeter(server);
  }

  /**
   * Warm-up goes on past the minimum until a round spends at most this share of its time compiling. On two
   * cores the JIT's thread competes with the client and the server, and it takes thousands of pages to
   * settle: after a fixed 4 rounds it was still compiling for most of the measured time, taking CPU from
   * whichever client was running, and the ratios moved by up to 20% from run to run.
   */
  private static final double SETTLED_JIT_SHARE = 0.01;
  /** Consecutive rounds under that share: code run once a page (HTTP, interceptors) reaches C2 late. */
  private static final int SETTLED_ROUNDS = 2;
  /** The JIT-time criterion gives up this long after the round and page minimums are met. */
  private static final long MAX_WARMUP_NANOS = 90_000_000_000L;

  /** Runs every config and prints a table for each; returns all rows for a summary. */
  public List<Row> run(List<Config> configs) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (Config config : configs) {
      rows.addAll(run(config));
    }
    return rows;
  }

  private List<Row> run(Config config) throws Exception {
    PreRenderedPages pages = new PreRenderedPages(fixture.apply(config));
    server.serve(pages);
    Tally expected = Tally.expected(config.runs());
    Map<PagingClient, Samples> samples = new LinkedHashMap<>();
    clients.forEach(client -> samples.put(client, new Samples()));
    int warmups = warmUp(config, expected, pages.pageCount());
    long pagesBeforeMeasuring = pagesPerClient;
    long jitBefore = jit.getTotalCompilationTime();
    long measuredStart = System.nanoTime();
    for (int round = 0; round < measuredRounds; round++) {
      round(config, pages.pageCount(), expected, warmups + round, samples);
    }
    long measuredMillis = (System.nanoTime() - measuredStart) / 1_000_000;
    long jitMillis = jit.getTotalCompilationTime() - jitBefore;

    out.printf("%npage size %d, %,d runs = %,d pages, %s of JSON (%,d B/run); median of %d rounds after %d warm-up"
        + " (%,d pages per client through this matrix before measuring; JIT compiling %d ms of the %d ms measured)%n",
        config.pageSize(), config.runs(), pages.pageCount(), Table.mib(pages.totalBytes()),
        pages.totalBytes() / Math.max(1, config.runs()), measuredRounds, warmups, pagesBeforeMeasuring, jitMillis,
        measuredMillis);
    Table table = new Table("client", "median time", "runs/s", "pages/s", "alloc B/run", "client CPU µs/page",
        "server CPU µs/page", "runs/s vs raw", "middle half of rounds", "CPU vs raw", "alloc vs raw");
    Samples baseline = samples.get(clients.get(0));
    List<Row> rows = new ArrayList<>();
    for (PagingClient client : clients) {
      Samples s = samples.get(client);
      double seconds = s.medianNanos() / 1e9;
      Row row = new Row(config, client.name(), config.runs() / seconds, pages.pageCount() / seconds,
          (double) s.medianBytes() / config.runs(), s.medianCpuNanos() / 1e3 / pages.pageCount(),
          s.speedRatiosTo(baseline), client.runsInThisJvm());
      rows.add(row);
      table.row(client.name(), Table.millis(s.medianNanos()), Table.count(row.runsPerSecond()),
          Table.count(row.pagesPerSecond()), row.bytes(), row.cpu(),
          Table.count(s.medianServerCpuNanos() / 1e3 / pages.pageCount()),
          Table.ratio(row.speedVsBaseline().median()), Table.range(row.speedVsBaseline()),
          row.inThisJvm() ? Table.ratio((double) s.medianCpuNanos() / baseline.medianCpuNanos()) : NOT_HERE,
          row.inThisJvm() ? Table.ratio((double) s.medianBytes() / baseline.medianBytes()) : NOT_HERE);
    }
    table.print(out);
    return rows;
  }

  /** Warm-up rounds as {@link #warmup} says, each of {@code pageCount} pages; returns how many ran. */
  private int warmUp(Config config, Tally expected, int pageCount) throws Exception {
    int warmups = 0;
    int settledRounds = 0;
    long settlingSince = 0; // when both minimums were met: the JIT criterion's time limit starts there
    while (true) {
      long jitBefore = jit.getTotalCompilationTime();
      long roundStart = System.nanoTime();
      round(config, pageCount, expected, warmups, null);
      warmups++;
      long roundMillis = (System.nanoTime() - roundStart) / 1_000_000;
      boolean settled = jit.getTotalCompilationTime() - jitBefore <= roundMillis * SETTLED_JIT_SHARE;
      settledRounds = settled ? settledRounds + 1 : 0;
      if (warmups < warmup.minRounds() || pagesPerClient < warmup.minPages()) {
        continue;
      }
      if (settlingSince == 0) {
        settlingSince = System.nanoTime();
      }
      if (settledRounds >= SETTLED_ROUNDS || System.nanoTime() - settlingSince > MAX_WARMUP_NANOS) {
        return warmups;
      }
    }
  }

  /**
   * Every client drains the listing ({@code pageCount} pages) once, in an order rotated by {@code round};
   * samples kept if given.
   */
  private void round(Config config, int pageCount, Tally expected, int round, Map<PagingClient, Samples> samples)
      throws Exception {
    for (int turn = 0; turn < clients.size(); turn++) {
      PagingClient client = clients.get((round + turn) % clients.size());
      Tally tally = new Tally();
      ThreadMeter.Snapshot before = meter.snapshot();
      long start = System.nanoTime();
      client.drain(config.pageSize(), tally);
      long elapsed = System.nanoTime() - start;
      ThreadMeter.Spent spent = meter.since(before);
      tally.check(expected, client.name());
      if (samples != null) {
        samples.get(client).add(elapsed, spent);
      }
    }
    pagesPerClient += pageCount;
  }

  /**
   * One line per config: each client's runs/s, CPU and allocation, and its speed relative to the baseline
   * (the median of the per-round ratios and, in brackets, the middle half of them; see
   * {@link Samples#speedRatiosTo}).
   */
  public static void printSummary(List<Row> rows, PrintStream out) {
    Map<Config, List<Row>> byConfig = new LinkedHashMap<>();
    rows.forEach(row -> byConfig.computeIfAbsent(row.config(), c -> new ArrayList<>()).add(row));
    List<Row> first = byConfig.values().iterator().next();
    List<String> header = new ArrayList<>(List.of("page size", "runs"));
    for (Row row : first) {
      header.add(row.client() + " runs/s");
    }
    for (Row row : first.subList(1, first.size())) {
      header.add(row.client() + " vs " + first.get(0).client());
    }
    for (Row row : first) {
      header.add(row.client() + " CPU µs/page");
    }
    for (Row row : first) {
      header.add(row.client() + " B/run");
    }
    Table table = new Table(header.toArray(new String[0]));
    for (Map.Entry<Config, List<Row>> entry : byConfig.entrySet()) {
      List<Object> cells = new ArrayList<>(List.of(entry.getKey().pageSize(), Table.count(entry.getKey().runs())));
      List<Row> cellRows = entry.getValue();
      cellRows.forEach(row -> cells.add(Table.count(row.runsPerSecond())));
      cellRows.subList(1, cellRows.size()).forEach(row -> cells.add(Table.ratio(row.speedVsBaseline().median())
          + " (" + Table.range(row.speedVsBaseline()) + ")"));
      cellRows.forEach(row -> cells.add(row.cpu()));
      cellRows.forEach(row -> cells.add(row.bytes()));
      table.row(cells.toArray());
    }
    table.print(out);
  }
}
