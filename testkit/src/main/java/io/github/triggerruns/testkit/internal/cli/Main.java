package io.github.triggerruns.testkit.internal.cli;

import io.github.triggerruns.internal.server.ParseDuration;
import io.github.triggerruns.testkit.FakeTriggerServer;
import io.github.triggerruns.testkit.RealtimeBackend;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultPlan;
import io.github.triggerruns.testkit.RateLimit;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone fake server, like stripe-mock:
 * {@code java -jar trigger-runs-testkit.jar --port 8787 --runs 500 --key tr_dev_local --seed 1}.
 * Prints the base URL on stdout (one line, nothing else, so scripts can read it) and serves until
 * the process is stopped.
 */
@Command(
    name = "trigger-runs-testkit",
    mixinStandardHelpOptions = true,
    version = "trigger-runs-testkit",
    sortOptions = false,
    description = "Serves a fake Trigger.dev GET /api/v1/runs and the realtime feeds on 127.0.0.1 until stopped.")
public final class Main {
  @Option(names = "--port", description = "Port on 127.0.0.1; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port = 8787;

  @Option(names = "--runs", description = "Number of generated runs (default ${DEFAULT-VALUE}).")
  int runs = 100;

  @Option(names = "--key", description = "Accepted secret key (default ${DEFAULT-VALUE}).")
  String key = "tr_dev_testkit";

  @Option(names = "--seed", description = "Seed for data, faults and short pages (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--fault-rate", description = "Probability of a fault on each request, 0..1 (default ${DEFAULT-VALUE}).")
  double faultRate = 0;

  @Option(
      names = "--faults",
      split = ",",
      description = "Fault kinds for --fault-rate: 500, 502, 503, 429, reset, empty, truncated, "
          + "malformed, slow, latency (or the enum names). Default: all.")
  List<String> faults = new ArrayList<>();

  @Option(names = "--latency", description = "Latency on every request: 20ms, or a range 10ms-50ms.")
  String latency;

  @Option(names = "--slow-delay", description = "How long a 'slow' fault stalls mid-body (default 5s).")
  String slowDelay;

  @Option(names = "--short-pages", description = "Probability of a short page, 0..1 (default ${DEFAULT-VALUE}).")
  double shortPages = 0;

  @Option(
      names = "--rate-limit",
      description = "live (750 burst, 250 per 10s), unlimited, or BURST:REFILL:PERIOD such as 10:5:1s "
          + "(default ${DEFAULT-VALUE}).")
  String rateLimit = "live";

  @Option(names = "--realtime-hold", description = "How long a quiet live realtime request is held (default 20s).")
  String realtimeHold;

  @Option(
      names = "--realtime-connections",
      description = "Live realtime requests the environment may hold at once; beyond, 429 (default 100000).")
  int realtimeConnections = 100_000;

  @Option(
      names = "--realtime-fault-rate",
      description = "Probability of a realtime fault (must-refetch, dropped connection, 429) per live request (default ${DEFAULT-VALUE}).")
  double realtimeFaultRate = 0;

  @Option(
      names = "--realtime-backend",
      description = "Wire format of the realtime feeds: native or electric (the live webapp's default) "
          + "(default ${DEFAULT-VALUE}).")
  String realtimeBackend = "native";

  @Option(
      names = "--realtime-chunk-rows",
      description = "With --realtime-backend=electric, the most rows one snapshot answer carries (default ${DEFAULT-VALUE}).")
  int realtimeChunkRows = 10;

  @Option(names = "--threads", description = "Server threads; each held realtime request keeps one (default ${DEFAULT-VALUE}).")
  int threads = 256;

  /** Runs the server until the JVM is stopped (Ctrl-C). */
  public static void main(String[] args) throws InterruptedException {
    FakeTriggerServer server;
    try {
      server = start(args);
    } catch (CommandLine.ParameterException e) {
      PrintWriter err = new PrintWriter(System.err, true);
      err.println(e.getMessage());
      e.getCommandLine().usage(err);
      System.exit(2);
      return;
    } catch (HelpShown e) {
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  stopped.countDown();
                },
                "trigger-runs-testkit-shutdown"));
    stopped.await();
  }

  /**
   * Parses {@code args}, starts the server, prints its base URL and returns it (running): the
   * in-process entry point for tests and embedding.
   *
   * @throws CommandLine.ParameterException for invalid arguments
   */
  public static FakeTriggerServer start(String... args) {
    Main options = new Main();
    CommandLine cli = new CommandLine(options);
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    if (CommandLine.printHelpIfRequested(parsed)) {
      throw new HelpShown();
    }
    FakeTriggerServer server = options.toBuilder(cli).build().start();
    System.out.println(server.baseUrl());
    System.out.flush();
    System.err.println(
        "trigger-runs-testkit: " + options.runs + " runs, key " + options.key + ", seed "
            + options.seed + ", faults " + server.faults() + "; GET " + server.baseUrl()
            + "/api/v1/runs");
    return server;
  }

  FakeTriggerServer.Builder toBuilder(CommandLine cli) {
    FaultPlan plan;
    try {
      plan = faultRate > 0
          ? FaultPlan.random(seed, faultRate, parseFaults(faults))
          : FaultPlan.none();
      if (latency != null) {
        String[] range = latency.split("-", 2);
        Duration min = duration(range[0], "--latency");
        plan = plan.withLatency(min, range.length == 2 ? duration(range[1], "--latency") : min);
      }
      if (slowDelay != null) {
        plan = plan.withSlowResponseDelay(duration(slowDelay, "--slow-delay"));
      }
      return FakeTriggerServer.builder()
          .port(port)
          .runs(runs)
          .secretKey(key)
          .seed(seed)
          .faults(plan)
          .shortPages(shortPages)
          .rateLimit(parseRateLimit(rateLimit))
          .realtimeHold(realtimeHold == null ? Duration.ofSeconds(20) : duration(realtimeHold, "--realtime-hold"))
          .realtimeConnectionLimit(realtimeConnections)
          .realtimeFaultProbability(realtimeFaultRate)
          .realtimeBackend(parseRealtimeBackend(realtimeBackend))
          .realtimeSnapshotChunkRows(realtimeChunkRows)
          .serverThreads(threads);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage(), e);
    }
  }

  static RealtimeBackend parseRealtimeBackend(String name) {
    for (RealtimeBackend backend : RealtimeBackend.values()) {
      if (backend.name().equalsIgnoreCase(name)) {
        return backend;
      }
    }
    throw new IllegalArgumentException("--realtime-backend must be native or electric, not " + name);
  }

  static Fault[] parseFaults(List<String> names) {
    List<Fault> kinds = new ArrayList<>();
    for (String name : names) {
      kinds.add(parseFault(name.strip()));
    }
    return kinds.toArray(new Fault[0]);
  }

  static Fault parseFault(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "500":
        return Fault.HTTP_500;
      case "502":
        return Fault.HTTP_502;
      case "503":
        return Fault.HTTP_503;
      case "429":
        return Fault.HTTP_429;
      case "reset":
        return Fault.CONNECTION_RESET;
      case "empty":
        return Fault.EMPTY_RESPONSE;
      case "truncated":
        return Fault.TRUNCATED_BODY;
      case "malformed":
        return Fault.MALFORMED_JSON;
      case "slow":
        return Fault.SLOW_RESPONSE;
      case "latency":
        return Fault.LATENCY;
      default:
        try {
          return Fault.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown fault: " + name);
        }
    }
  }

  static RateLimit parseRateLimit(String spec) {
    if (spec.equalsIgnoreCase("live")) {
      return RateLimit.live();
    }
    if (spec.equalsIgnoreCase("unlimited")) {
      return RateLimit.unlimited();
    }
    String[] parts = spec.split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("--rate-limit: live, unlimited or BURST:REFILL:PERIOD");
    }
    try {
      return RateLimit.of(
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), duration(parts[2], "--rate-limit"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rate-limit: not a number in " + spec);
    }
  }

  // Same grammar as the period filter, so "20ms", "1.5s" and "1m" all work.
  static Duration duration(String text, String option) {
    Duration duration = ParseDuration.duration(text.strip());
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException(option + ": not a duration: " + text);
    }
    return duration;
  }

  /** Thrown by {@link #start} after printing --help or --version: there is no server to return. */
  public static final class HelpShown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpShown() {
      super("help or version shown", null, false, false);
    }
  }
}
