package io.github.triggerruns.bench;

import io.github.triggerruns.bench.realtime.RealtimeBench;
import io.github.triggerruns.bench.realtime.SubscriptionFootprint;
import io.github.triggerruns.bench.e2e.Clients;
import io.github.triggerruns.bench.e2e.ForkedCell;
import io.github.triggerruns.bench.e2e.IterateClient;
import io.github.triggerruns.bench.e2e.LatencyHiding;
import io.github.triggerruns.bench.e2e.MemoryMode;
import io.github.triggerruns.bench.e2e.PagingClient;
import io.github.triggerruns.bench.e2e.PagingMatrix;
import io.github.triggerruns.bench.e2e.RawLoopClient;
import io.github.triggerruns.bench.e2e.TypeScriptSdkClient;
import io.github.triggerruns.bench.fixture.PageRenderer;
import io.github.triggerruns.bench.jmh.MicroBenchmarks;
import io.github.triggerruns.bench.server.PageServer;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the benchmarks and prints a report. Quick by default (a few minutes on two cores); see {@link #USAGE}.
 * Everything talks to a server on 127.0.0.1 started here; nothing leaves the machine.
 */
public final class BenchLauncher {
  private static final String USAGE = String.join("\n",
      "usage: java -jar trigger-runs-bench.jar [--full] [--only=jmh,e2e,forks,ts,latency] [--server=jdk|mockwebserver]",
      "       java -Xmx64m -jar trigger-runs-bench.jar --memory [--server=jdk|mockwebserver]",
      "       java -jar trigger-runs-bench.jar --realtime [--seconds=60] [--subscriptions=100]",
      "       java -cp trigger-runs-bench.jar org.openjdk.jmh.Main -prof gc [benchmark regex]",
      "  (default)  JMH micro-benchmarks, end-to-end paging matrix, its page size 100 x 20,000 cell again in",
      "             fresh JVMs (forks), the TypeScript SDK beside the raw loop (needs Node.js and",
      "             `npm ci --prefix bench/ts`), latency hiding; quick settings",
      "  --full     more forks, iterations and rounds (about 20 minutes)",
      "  --only=    run only the listed sections",
      "  --memory   iterate 1,000,000 runs and report heap (meant for -Xmx64m)",
      "  --server=  the local page server (default jdk: the JDK's HttpServer)",
      "  --realtime realtime subscriptions against the testkit: change latency, N subscriptions for S seconds,",
      "             then the same through injected faults, then heap and threads per subscription in a",
      "             client JVM of its own");
  private static final Set<String> SECTIONS = Set.of("jmh", "e2e", "forks", "ts", "latency");

  private BenchLauncher() {}

  public static void main(String[] args) throws Exception {
    boolean full = false;
    boolean memory = false;
    boolean realtime = false;
    int realtimeSeconds = 60;
    int subscriptions = 100;
    PageServer.Kind server = PageServer.Kind.JDK;
    Set<String> sections = new LinkedHashSet<>(List.of("jmh", "e2e", "forks", "ts", "latency"));
    for (String arg : args) {
      if (arg.startsWith(ForkedCell.FORK_ARGUMENT)) {
        ForkedCell.runFork(arg.substring(ForkedCell.FORK_ARGUMENT.length()), System.out);
        return;
      } else if (arg.startsWith(SubscriptionFootprint.FORK_ARGUMENT)) {
        SubscriptionFootprint.runFork(arg.substring(SubscriptionFootprint.FORK_ARGUMENT.length()), System.out);
        return;
      } else if (arg.equals("--full")) {
        full = true;
      } else if (arg.equals("--realtime")) {
        realtime = true;
      } else if (arg.startsWith("--seconds=")) {
        realtimeSeconds = Integer.parseInt(arg.substring("--seconds=".length()));
      } else if (arg.startsWith("--subscriptions=")) {
        subscriptions = Integer.parseInt(arg.substring("--subscriptions=".length()));
      } else if (arg.equals("--memory")) {
        memory = true;
      } else if (arg.startsWith("--only=")) {
        sections = new LinkedHashSet<>(Arrays.asList(arg.substring("--only=".length()).split(",")));
        if (!SECTIONS.containsAll(sections)) {
          usage("unknown section in " + arg);
        }
      } else if (arg.startsWith("--server=")) {
        server = PageServer.Kind.valueOf(arg.substring("--server=".length()).toUpperCase(Locale.ROOT));
      } else {
        usage(arg.equals("--help") || arg.equals("-h") ? null : "unknown argument " + arg);
      }
    }
    PrintStream out = System.out;
    out.println("trigger-runs benchmarks (" + (realtime ? "realtime" : memory ? "memory" : full ? "full" : "quick")
        + ", server "
        + server.name().toLowerCase(Locale.ROOT) + ")");
    out.println(MachineInfo.describe());
    long start = System.nanoTime();
    if (realtime) {
      section(out, "Realtime subscriptions against the testkit on 127.0.0.1");
      RealtimeBench.run(out, realtimeSeconds, subscriptions);
    } else if (memory) {
      section(out, "Memory: 1,000,000 runs through iterate");
      MemoryMode.run(server, out);
    } else {
      if (sections.contains("jmh")) {
        section(out, "JMH micro-benchmarks (-prof gc), " + (full ? "2 forks x 10 x 2 s" : "1 fork x 5 x 1 s")
            + " per benchmark");
        MicroBenchmarks.run(full, out);
      }
      if (sections.contains("e2e")) {
        section(out, "End-to-end paging over HTTP on 127.0.0.1");
        endToEnd(server, full, out);
      }
      if (sections.contains("forks")) {
        section(out, "The page size 100 x 20,000 cell again, in fresh JVMs");
        ForkedCell.run(server, full ? 5 : 3, full ? 6 : 4, full ? 15 : 9, out);
      }
      if (sections.contains("ts")) {
        section(out, "The official TypeScript SDK over the same HTTP");
        typeScriptSdk(server, full, out);
      }
      if (sections.contains("latency")) {
        section(out, "Latency hiding (issue 4)");
        LatencyHiding.run(server, 1, full ? 5 : 3, out);
      }
    }
    out.printf("%ndone in %.0f s (load average %s)%n", (System.nanoTime() - start) / 1e9, MachineInfo.loadAverage());
  }

  private static void endToEnd(PageServer.Kind kind, boolean full, PrintStream out) throws Exception {
    try (PageServer server = PageServer.start(kind, Duration.ZERO)) {
      List<PagingClient> clients = new ArrayList<>(Clients.targets(server.baseUrl()));
      clients.add(new IterateClient(Clients.facadeWithoutAdditionalFields(server.baseUrl()), "iterate, no extras"));
      out.println("allocation and CPU: HotSpot's per-thread counters (ThreadMXBean.getThreadAllocatedBytes,"
          + " getThreadCpuTime) summed over every live thread except the page server's; ratios are to the raw"
          + " loop (runs/s: higher is faster; CPU and alloc: lower is cheaper)");
      List<PagingMatrix.Config> configs = new ArrayList<>();
      for (int runs : new int[] {20_000, 2_000}) {
        for (int pageSize : new int[] {100, 50, 25}) {
          configs.add(new PagingMatrix.Config(pageSize, runs));
        }
      }
      PagingMatrix matrix = new PagingMatrix(server, clients, PagingMatrix.Warmup.steadyState(full ? 6 : 4),
          full ? 25 : 9, out);
      List<PagingMatrix.Row> rows = matrix.run(configs);
      out.println();
      out.println("summary");
      PagingMatrix.printSummary(rows, out);
    }
  }

  /**
   * The raw loop, {@code iterate} and the official TypeScript SDK on one listing, in pages of 100 and 25.
   * The listing's {@code ttl}s are all strings: the SDK refuses a page holding a numeric one.
   */
  private static void typeScriptSdk(PageServer.Kind kind, boolean full, PrintStream out) throws Exception {
    Path ts = typeScriptDirectory();
    String unavailable = TypeScriptSdkClient.unavailableReason(ts);
    if (unavailable != null) {
      out.println("skipped: " + unavailable);
      return;
    }
    try (PageServer server = PageServer.start(kind, Duration.ZERO);
        TypeScriptSdkClient sdk = TypeScriptSdkClient.start(ts, server.baseUrl())) {
      List<PagingClient> clients = List.of(new RawLoopClient(server.baseUrl()),
          new IterateClient(Clients.facade(server.baseUrl())), sdk);
      out.println("every ttl a string (the SDK rejects numeric ones); Node's CPU and memory are outside this JVM,"
          + " so only wall time compares");
      // Rounds only: the SDK's JIT is Node's, and 150 rounds of it would take minutes to show what 5 do, a
      // several-fold difference.
      PagingMatrix matrix = new PagingMatrix(server, clients, PagingMatrix.Warmup.rounds(full ? 6 : 4),
          full ? 25 : 9, out,
          config -> PageRenderer.withStringTtls(config.pageSize(), config.runs()));
      List<PagingMatrix.Row> rows = matrix.run(List.of(new PagingMatrix.Config(100, 20_000),
          new PagingMatrix.Config(25, 20_000)));
      out.println();
      out.println("summary");
      PagingMatrix.printSummary(rows, out);
    }
  }

  /** {@code bench/ts}, found beside the jar's {@code target} folder, else under the working directory. */
  private static Path typeScriptDirectory() {
    try {
      Path jar = Paths.get(BenchLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path besideTarget = jar.getParent().resolveSibling("ts");
      if (Files.isDirectory(besideTarget)) {
        return besideTarget;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the working directory
    }
    return Paths.get("bench", "ts");
  }

  private static void section(PrintStream out, String title) {
    out.printf("%n== %s == (load average %s)%n", title, MachineInfo.loadAverage());
  }

  private static void usage(String error) {
    if (error != null) {
      System.err.println(error);
    }
    System.err.println(USAGE);
    System.exit(error == null ? 0 : 2);
  }
}
