package io.github.triggerruns.testkit.internal;

import io.github.triggerruns.testkit.FakeRun;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded, realistic runs: the same seed, count and "now" always give the same runs.
 *
 * <p>Creation times spread over the 30 days before now, about a third in the last 7 days (the
 * live default window) and the rest older. The first runs cover every status once (the 13 current
 * ones and the legacy-only WAITING_FOR_DEPLOY, REATTEMPTING and INTERRUPTED), all within the last 7
 * days so an unfiltered list shows them; the rest are mostly finished. Fields are consistent with
 * the status: {@code startedAt} only once a run started, {@code finishedAt} only on terminal
 * statuses, {@code expiredAt} only on EXPIRED, {@code delayedUntil} only on DELAYED, no version
 * before a run is locked to one, costs only for runs that executed. Every tenth run shares its
 * createdAt with the previous one, so ties (ordered by id) get exercised.
 */
public final class RunGenerator {
  private static final long SEEDED_STREAM = 10;
  private static final long ADDED_STREAM = 11;
  private static final long ENV_STREAM = 12;
  private static final String ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final DateTimeFormatter VERSION_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private static final List<String> COVERAGE =
      List.of(
          "DELAYED", "PENDING_VERSION", "QUEUED", "DEQUEUED", "EXECUTING", "WAITING", "COMPLETED",
          "CANCELED", "FAILED", "CRASHED", "SYSTEM_FAILURE", "EXPIRED", "TIMED_OUT",
          "WAITING_FOR_DEPLOY", "REATTEMPTING", "INTERRUPTED");
  private static final Map<String, Integer> STATUS_WEIGHTS = weights(
      "COMPLETED", 40, "FAILED", 8, "CANCELED", 6, "QUEUED", 6, "EXECUTING", 6, "WAITING", 5,
      "DELAYED", 4, "CRASHED", 3, "EXPIRED", 3, "TIMED_OUT", 3, "PENDING_VERSION", 3,
      "DEQUEUED", 3, "SYSTEM_FAILURE", 2, "WAITING_FOR_DEPLOY", 1, "REATTEMPTING", 1,
      "INTERRUPTED", 1);
  private static final Map<String, Integer> TASK_WEIGHTS = weights(
      "send-email", 30, "resize-image", 20, "sync-crm", 15, "process-webhook", 15,
      "generate-report", 10, "daily-digest", 10);
  private static final Map<String, Integer> MACHINE_WEIGHTS = weights(
      "small-1x", 60, "micro", 10, "small-2x", 10, "medium-1x", 10, "medium-2x", 5,
      "large-1x", 3, "large-2x", 2);
  // Cents per millisecond of compute, by machine (orders of magnitude as billed live).
  private static final Map<String, Double> CENTS_PER_MS = Map.of(
      "micro", 0.0000017, "small-1x", 0.0000034, "small-2x", 0.0000068, "medium-1x", 0.0000085,
      "medium-2x", 0.000017, "large-1x", 0.000034, "large-2x", 0.000068);
  private static final List<String> TAG_POOL =
      List.of("org acme", "org globex", "客户_7", "priority-high", "café", "region/eu", "vip");
  private static final List<String> TTLS = List.of("10m", "30s", "1h", "1h42m", "2h30m", "1d");
  private static final Set<String> STARTED =
      Set.of("EXECUTING", "WAITING", "REATTEMPTING", "COMPLETED", "FAILED", "CRASHED",
          "TIMED_OUT", "INTERRUPTED");
  private static final Set<String> WITH_TTL =
      Set.of("QUEUED", "DELAYED", "PENDING_VERSION", "WAITING_FOR_DEPLOY", "EXPIRED");

  private final long seed;
  private final String envId;
  private final String envName;
  private final String envUser;
  private final List<String> batches;
  private final List<String> schedules;
  private final List<String> bulkActions;

  /** A generator for the environment that {@code secretKey} belongs to. */
  public RunGenerator(long seed, String secretKey) {
    this.seed = seed;
    SplittableRandom random = Seeds.random(seed, ENV_STREAM);
    this.envId = "env_" + alphanumeric(random, 20);
    this.envName = envName(secretKey);
    this.envUser = envName.equals("dev") ? "testkit" : null;
    this.batches = ids(random, "batch_", 5);
    this.schedules = ids(random, "sched_", 2);
    this.bulkActions = ids(random, "bulk_", 2);
  }

  /** {@code env.id} of the generated runs. */
  public String envId() {
    return envId;
  }

  /** {@code env.name} of the generated runs. */
  public String envName() {
    return envName;
  }

  /** {@code env.user} of the generated runs (null outside dev). */
  public String envUser() {
    return envUser;
  }

  /** {@code count} runs relative to {@code now}, with distinct ids. */
  public List<FakeRun> generate(int count, Instant now) {
    SplittableRandom random = Seeds.random(seed, SEEDED_STREAM);
    Set<String> ids = new HashSet<>();
    List<FakeRun> runs = new ArrayList<>(count);
    Instant previousCreatedAt = null;
    for (int i = 0; i < count; i++) {
      String status = i < COVERAGE.size() ? COVERAGE.get(i) : pick(random, STATUS_WEIGHTS);
      Duration age =
          i < COVERAGE.size() || random.nextInt(3) == 0
              ? Duration.ofMillis(random.nextLong(Duration.ofDays(7).toMillis() - 60_000) + 1_000)
              : Duration.ofMillis(
                  Duration.ofDays(7).toMillis() + random.nextLong(Duration.ofDays(23).toMillis()));
      Instant createdAt =
          i % 10 == 9 && previousCreatedAt != null ? previousCreatedAt : now.minus(age);
      previousCreatedAt = createdAt;
      runs.add(run(random, uniqueId(random, ids), status, createdAt, now));
    }
    return runs;
  }

  /** A new QUEUED run created at {@code now}; {@code index} makes each one different. */
  public FakeRun fresh(long index, Instant now, Set<String> takenIds) {
    SplittableRandom random = Seeds.random(seed, ADDED_STREAM, index);
    Set<String> ids = new HashSet<>(takenIds);
    return run(random, uniqueId(random, ids), "QUEUED", now, now);
  }

  private FakeRun run(
      SplittableRandom random, String id, String status, Instant createdAt, Instant now) {
    String task = pick(random, TASK_WEIGHTS);
    String machine = pick(random, MACHINE_WEIGHTS);
    boolean scheduled = task.equals("daily-digest");
    int depth = scheduled ? 0 : random.nextInt(20) < 3 ? 1 + random.nextInt(2) : 0;
    boolean started = STARTED.contains(status) || (status.equals("SYSTEM_FAILURE")
        || status.equals("CANCELED")) && random.nextBoolean();
    boolean terminal = RunStatuses.isTerminal(status);

    Instant startedAt = started ? capped(createdAt.plusMillis(50 + random.nextInt(5_000)), now)
        : null;
    long durationMs = started ? 50 + random.nextInt(120_000) : 0;
    Instant finishedAt = null;
    if (terminal) {
      Instant from = started ? startedAt.plusMillis(durationMs) : createdAt;
      finishedAt = capped(from.plusMillis(10 + random.nextInt(2_000)), now);
    }
    Instant updatedAt = finishedAt != null ? finishedAt
        : startedAt != null ? capped(startedAt.plusMillis(random.nextInt(60_000)), now)
        : createdAt;

    FakeRun.Builder b = FakeRun.builder()
        .id(id)
        .status(status)
        .taskIdentifier(task)
        .env(envId, envName, envUser)
        .isTest(random.nextInt(100) < 8)
        .createdAt(createdAt)
        .updatedAt(updatedAt)
        .startedAt(startedAt)
        .finishedAt(finishedAt)
        .tags(tags(random))
        .taskKind(scheduled ? "SCHEDULED" : "STANDARD")
        .region(random.nextInt(10) < 7 ? "us-east-1" : "eu-central-1")
        .depth(depth)
        .machine(machine)
        .queue(random.nextInt(10) < 8 ? "task/" + task : "shared-io");

    boolean locked = !status.equals("PENDING_VERSION") && !status.equals("WAITING_FOR_DEPLOY")
        && !((status.equals("QUEUED") || status.equals("DELAYED")) && random.nextBoolean());
    if (locked) {
      LocalDate deployDay = createdAt.minus(Duration.ofDays(random.nextInt(3)))
          .atZone(ZoneOffset.UTC).toLocalDate();
      b.version(VERSION_DATE.format(deployDay) + "." + (1 + random.nextInt(4)));
    }
    if (started) {
      double cost = durationMs * CENTS_PER_MS.get(machine);
      b.durationMs(durationMs)
          .costInCents(Math.round(cost * 1e6) / 1e6)
          .baseCostInCents(0.0025);
    }
    if (status.equals("DELAYED")) {
      b.delayedUntil(createdAt.plus(Duration.ofMinutes(1 + random.nextInt(120))));
    }
    if (status.equals("EXPIRED")) {
      b.expiredAt(finishedAt);
    }
    if (WITH_TTL.contains(status) || random.nextInt(5) == 0) {
      b.ttl(TTLS.get(random.nextInt(TTLS.size())));
    }
    if (random.nextInt(4) == 0) {
      b.idempotencyKey("idem_" + alphanumeric(random, 12));
    }
    if (random.nextInt(10) < 4) {
      b.metadata(metadata(random));
    }
    if (scheduled) {
      b.schedule(schedules.get(random.nextInt(schedules.size())));
    }
    if (depth > 0 && random.nextBoolean()) {
      b.batch(batches.get(random.nextInt(batches.size())));
    }
    if (random.nextInt(100) < 6) {
      b.bulkAction(bulkActions.get(random.nextInt(bulkActions.size())));
    }
    return b.build();
  }

  private static List<String> tags(SplittableRandom random) {
    Set<String> tags = new LinkedHashSet<>();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      tags.add(random.nextInt(3) == 0
          ? "user_" + (1 + random.nextInt(30))
          : TAG_POOL.get(random.nextInt(TAG_POOL.size())));
    }
    return new ArrayList<>(tags);
  }

  private static Map<String, Object> metadata(SplittableRandom random) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (random.nextInt(3)) {
      case 0:
        m.put("progress", random.nextInt(101) / 100.0);
        m.put("step", List.of("fetch", "render", "upload").get(random.nextInt(3)));
        break;
      case 1:
        m.put("attempt", 1 + random.nextInt(3));
        m.put("source", random.nextBoolean() ? "webhook" : "api");
        break;
      default:
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", "cus_" + alphanumeric(random, 8));
        customer.put("plan", random.nextBoolean() ? "pro" : "free");
        m.put("customer", customer);
        m.put("items", List.of(1 + random.nextInt(5), 10 + random.nextInt(5)));
    }
    return m;
  }

  private static String envName(String secretKey) {
    if (secretKey.startsWith("tr_prod_")) {
      return "prod";
    }
    if (secretKey.startsWith("tr_stg_")) {
      return "staging";
    }
    if (secretKey.startsWith("tr_preview_")) {
      return "preview";
    }
    return "dev";
  }

  private static String uniqueId(SplittableRandom random, Set<String> taken) {
    String id;
    do {
      id = "run_" + alphanumeric(random, 20);
    } while (!taken.add(id));
    return id;
  }

  private static List<String> ids(SplittableRandom random, String prefix, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(prefix + alphanumeric(random, 20));
    }
    return List.copyOf(ids);
  }

  private static String alphanumeric(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return s.toString();
  }

  private static Instant capped(Instant instant, Instant now) {
    return instant.isAfter(now) ? now : instant;
  }

  private static String pick(SplittableRandom random, Map<String, Integer> weights) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    int roll = random.nextInt(total);
    for (Map.Entry<String, Integer> e : weights.entrySet()) {
      roll -= e.getValue();
      if (roll < 0) {
        return e.getKey();
      }
    }
    throw new AssertionError("weights exhausted");
  }

  private static Map<String, Integer> weights(Object... pairs) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return m;
  }
}
