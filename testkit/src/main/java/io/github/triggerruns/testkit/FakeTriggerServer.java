package io.github.triggerruns.testkit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.triggerruns.testkit.internal.Pager;
import io.github.triggerruns.testkit.internal.RunGenerator;
import io.github.triggerruns.testkit.internal.RunStatuses;
import io.github.triggerruns.testkit.internal.RunStore;
import io.github.triggerruns.testkit.internal.RunsEndpoint;
import io.github.triggerruns.testkit.internal.TokenBuckets;
import io.github.triggerruns.testkit.internal.WireMockWiring;
import io.github.triggerruns.testkit.internal.realtime.ClaimsTransformer;
import io.github.triggerruns.testkit.internal.realtime.JwtAuthenticator;
import io.github.triggerruns.testkit.internal.realtime.PublicTokensTransformer;
import io.github.triggerruns.testkit.internal.realtime.RealtimeEndpoint;
import io.github.triggerruns.testkit.internal.realtime.RunChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A fake Trigger.dev API serving {@code GET /api/v1/runs} with the live server's semantics:
 * bearer-key authentication, every filter and its validation (400 bodies included), the silent
 * 7-day default window, keyset cursors ({@code page[before]} pages in ascending order), status names
 * by {@code x-trigger-api-version}, per-key token-bucket rate limits with {@code x-ratelimit-*}
 * headers, and optional short pages. On top of that it injects {@link Fault}s on demand.
 *
 * <p>It also serves the realtime feeds ({@code /realtime/v1/runs/{id}}, {@code /realtime/v1/runs?tags=},
 * {@code /realtime/v1/batches/{id}}) in the native realtime backend's wire format, or Electric's
 * ({@link Builder#realtimeBackend}): live requests are
 * held until a matching run changes through this server's mutation methods (answered within
 * milliseconds) or {@link Builder#realtimeHold} passes; the connection cap answers 429; and
 * {@link RealtimeFault}s can be injected. Realtime requests do not touch the API rate limit.
 *
 * <p>Public access tokens are accepted wherever the live server accepts them (the realtime feeds and
 * {@code GET /api/v1/runs}): HS256 JWTs signed with the secret key for this environment, checked for
 * expiry (against the server's clock) and scopes; {@code POST /api/v1/auth/jwt/claims} hands out the
 * claims to mint them from, and {@code POST /api/v1/auth/public-tokens} mints them for an API key, the
 * root one or an {@link Builder#additionalApiKey additional} one, within that key's scopes.
 *
 * <p>Runs on WireMock, bound to {@code 127.0.0.1} only. Seeded: the same builder settings give the
 * same runs, cursors and faults on every machine.
 *
 * <pre>{@code
 * try (FakeTriggerServer server = FakeTriggerServer.builder().runs(500).build().start()) {
 *   client = newClient(server.baseUrl(), server.secretKey());
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe: runs may be added and changed, and faults replaced, while clients are paging.
 */
public final class FakeTriggerServer implements AutoCloseable {
  private final String secretKey;
  private final Clock clock;
  private final RunStore store;
  private final RunGenerator generator;
  private final RunsEndpoint endpoint;
  private final WireMockServer wireMock;
  private final AtomicLong addedRuns = new AtomicLong();
  private final RunChanges changes = new RunChanges();
  private final RealtimeEndpoint realtime;

  private FakeTriggerServer(Builder b) {
    this.secretKey = b.secretKey;
    this.clock = b.clock;
    this.store = new RunStore();
    this.generator = new RunGenerator(b.seed, b.secretKey);
    for (FakeRun run : generator.generate(b.runs, clock.instant())) {
      store.add(run);
    }
    JwtAuthenticator tokens = new JwtAuthenticator(secretKey, b.additionalApiKeys, generator.envId(), clock);
    this.endpoint =
        new RunsEndpoint(
            new Pager(store, b.shortPages, b.seed),
            store,
            this::replay,
            new TokenBuckets(b.rateLimit, clock),
            clock,
            tokens,
            b.faults);
    this.realtime =
        new RealtimeEndpoint(
            store, changes, clock, tokens, b.realtimeHold, b.realtimeConnectionLimit,
            b.realtimeFaultProbability, b.seed, b.realtimeBackend, b.realtimeSnapshotChunkRows);
    this.wireMock =
        WireMockWiring.server(
            endpoint, realtime, new ClaimsTransformer(tokens), new PublicTokensTransformer(tokens, clock), b.port,
            b.serverThreads);
  }

  /** A builder with the defaults: 100 runs, seed 1, key {@code tr_dev_testkit}, any free port. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening; returns this server, so {@code builder()...build().start()} reads well. */
  public FakeTriggerServer start() {
    wireMock.start();
    return this;
  }

  /** Stops listening, answering held realtime requests first. Safe to call twice; not restartable. */
  public void stop() {
    realtime.close();
    if (wireMock.isRunning()) {
      wireMock.stop();
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Whether the server is listening. */
  public boolean isRunning() {
    return wireMock.isRunning();
  }

  /** The base URL to give a client, e.g. {@code http://127.0.0.1:54321} (no trailing slash). */
  public String baseUrl() {
    return "http://" + WireMockWiring.HOST + ":" + port();
  }

  /** The port the server listens on. */
  public int port() {
    if (!wireMock.isRunning()) {
      throw new IllegalStateException("the server is not running: call start() first");
    }
    return wireMock.port();
  }

  /** The environment's root secret key (additional keys, when configured, are accepted too). */
  public String secretKey() {
    return secretKey;
  }

  /** The environment's id: the {@code sub} of its public access tokens. */
  public String environmentId() {
    return generator.envId();
  }

  /** The clock the server reads "now" from. */
  public Clock clock() {
    return clock;
  }

  /** A snapshot of every run, in list order (createdAt descending, then id descending). */
  public List<FakeRun> runs() {
    return store.snapshot();
  }

  /** The run with this id, if there is one. */
  public Optional<FakeRun> run(String id) {
    return store.get(id);
  }

  /**
   * Adds {@code run}; its id must be new. Environment fields left unset are filled with this
   * server's environment. Returns the run as stored.
   */
  public FakeRun addRun(FakeRun run) {
    Objects.requireNonNull(run, "run");
    FakeRun stored =
        run.envId() == null
            ? run.toBuilder().env(generator.envId(), generator.envName(), generator.envUser()).build()
            : run;
    store.add(stored);
    changes.changed();
    return stored;
  }

  /** Adds a new generated QUEUED run created now (by the server's clock) and returns it. */
  public FakeRun addRun() {
    Set<String> ids = store.snapshot().stream().map(FakeRun::id).collect(Collectors.toSet());
    FakeRun run = generator.fresh(addedRuns.incrementAndGet(), clock.instant(), new HashSet<>(ids));
    store.add(run);
    changes.changed();
    return run;
  }

  /**
   * Stores and returns a new QUEUED run created now that replays {@code original}: same task, tags, metadata,
   * test flag, environment and queue, a new id. Each replay request makes one.
   */
  private FakeRun replay(FakeRun original) {
    FakeRun fresh = addRun();
    return store.update(fresh.id(), run -> run.toBuilder()
        .taskIdentifier(original.taskIdentifier())
        .tags(original.tags())
        .metadata(original.metadata())
        .isTest(original.isTest())
        .env(original.envId(), original.envName(), original.envUser())
        .queue(original.queue())
        .build());
  }

  /**
   * Changes run {@code id} through its builder and returns the new run; the id cannot change.
   * Nothing else is adjusted: use {@link #setStatus} for a consistent status change.
   *
   * @throws IllegalArgumentException if there is no such run
   */
  public FakeRun updateRun(String id, UnaryOperator<FakeRun.Builder> change) {
    Objects.requireNonNull(change, "change");
    FakeRun changed = store.update(id, run -> change.apply(run.toBuilder()).build());
    changes.changed();
    return changed;
  }

  /**
   * Moves run {@code id} to {@code status} as the live server would: {@code updatedAt} becomes now;
   * a terminal status sets {@code finishedAt} (and EXPIRED sets {@code expiredAt}) to now unless
   * already set; a non-terminal status clears them; an executing status sets {@code startedAt} if
   * missing.
   */
  public FakeRun setStatus(String id, String status) {
    Objects.requireNonNull(status, "status");
    Instant now = clock.instant();
    FakeRun changed = store.update(
        id,
        run -> {
          FakeRun.Builder b = run.toBuilder().status(status).updatedAt(later(now, run.createdAt()));
          if (RunStatuses.isTerminal(status)) {
            b.finishedAt(run.finishedAt() != null ? run.finishedAt() : now);
            if (status.equals("EXPIRED") && run.expiredAt() == null) {
              b.expiredAt(now);
            }
          } else {
            b.finishedAt(null).expiredAt(null);
            boolean executing =
                status.equals("EXECUTING") || status.equals("WAITING") || status.equals("FROZEN")
                    || status.equals("REATTEMPTING");
            if (executing && run.startedAt() == null) {
              b.startedAt(later(now, run.createdAt()));
            }
          }
          return b.build();
        });
    changes.changed();
    return changed;
  }

  /** How many API requests (list, retrieve, cancel, replay, reschedule) the server received, faulted ones included. */
  public int requestCount() {
    return endpoint.requestCount();
  }

  /** How many faults of each kind the server injected so far. */
  public FaultCounts faultCounts() {
    return endpoint.faultCounts();
  }

  /** Replaces the fault plan; its request numbers count from the next request. */
  public void faults(FaultPlan plan) {
    endpoint.install(Objects.requireNonNull(plan, "plan"));
  }

  /** The fault plan in force. */
  public FaultPlan faults() {
    return endpoint.plan();
  }

  /**
   * Makes the next live realtime requests meet {@code faults}, one each, in order (before any random
   * fault of {@link Builder#realtimeFaultProbability}).
   */
  public void queueRealtimeFaults(RealtimeFault... faults) {
    realtime.queue(Arrays.asList(faults));
  }

  /** How many {@code /realtime/v1/*} requests the server received; they never count as {@link #requestCount()}. */
  public int realtimeRequestCount() {
    return realtime.requestCount();
  }

  /** How many live realtime requests the server is holding now. */
  public int heldRealtimeRequests() {
    return realtime.heldRequests();
  }

  /** The most live realtime requests held at once so far. */
  public int peakHeldRealtimeRequests() {
    return realtime.peakHeldRequests();
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public String toString() {
    return "FakeTriggerServer{" + (isRunning() ? baseUrl() : "stopped") + ", runs="
        + store.snapshot().size() + '}';
  }

  /** Configures a {@link FakeTriggerServer}. */
  public static final class Builder {
    private int runs = 100;
    private long seed = 1;
    private String secretKey = "tr_dev_testkit";
    private final Map<String, List<String>> additionalApiKeys = new LinkedHashMap<>();
    private int port = 0;
    private Clock clock = Clock.systemUTC();
    private RateLimit rateLimit = RateLimit.live();
    private FaultPlan faults = FaultPlan.none();
    private double shortPages = 0;
    private Duration realtimeHold = Duration.ofSeconds(20);
    private int realtimeConnectionLimit = 100_000;
    private double realtimeFaultProbability = 0;
    private RealtimeBackend realtimeBackend = RealtimeBackend.NATIVE;
    private int realtimeSnapshotChunkRows = 10;
    private int serverThreads = 256;

    private Builder() {}

    /**
     * How long a live realtime request is held when no matching run changes, before it is answered
     * up to date (default 20 s, the live server's hold without its jitter). A change answers at once.
     */
    public Builder realtimeHold(Duration hold) {
      Objects.requireNonNull(hold, "hold");
      if (hold.isNegative() || hold.isZero()) {
        throw new IllegalArgumentException("realtimeHold must be positive: " + hold);
      }
      this.realtimeHold = hold;
      return this;
    }

    /**
     * How many live realtime requests the environment may have held at once; beyond, 429
     * {@code {"error":"Too many concurrent requests"}} (default 100,000, the live server's fallback).
     */
    public Builder realtimeConnectionLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("realtimeConnectionLimit must be at least 1: " + limit);
      }
      this.realtimeConnectionLimit = limit;
      return this;
    }

    /**
     * Whose wire format the realtime feeds answer in (default {@link RealtimeBackend#NATIVE}). The live webapp
     * defaults to {@link RealtimeBackend#ELECTRIC}: partial updates, chunked snapshots, Postgres text values.
     */
    public Builder realtimeBackend(RealtimeBackend backend) {
      this.realtimeBackend = Objects.requireNonNull(backend, "realtimeBackend");
      return this;
    }

    /**
     * With {@link RealtimeBackend#ELECTRIC}, the most rows one snapshot answer carries (default 10); a longer
     * snapshot takes several requests, {@code up-to-date} only on the last. Electric chunks by size, far larger;
     * small chunks make clients show they page through a snapshot.
     */
    public Builder realtimeSnapshotChunkRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("realtimeSnapshotChunkRows must be at least 1: " + rows);
      }
      this.realtimeSnapshotChunkRows = rows;
      return this;
    }

    /** The chance that a live realtime request meets a random {@link RealtimeFault} (default 0). */
    public Builder realtimeFaultProbability(double probability) {
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("probability must be within 0..1: " + probability);
      }
      this.realtimeFaultProbability = probability;
      return this;
    }

    /**
     * The server's request threads (default 256). Each held realtime request keeps one for the hold,
     * so allow for the subscriptions a test holds at once, plus the other calls.
     */
    public Builder serverThreads(int threads) {
      if (threads < 8) {
        throw new IllegalArgumentException("serverThreads must be at least 8: " + threads);
      }
      this.serverThreads = threads;
      return this;
    }

    /** How many runs to generate (default 100). */
    public Builder runs(int runs) {
      if (runs < 0) {
        throw new IllegalArgumentException("runs must not be negative: " + runs);
      }
      this.runs = runs;
      return this;
    }

    /** Seed for generated data, random faults and short pages (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The environment's root secret key, which signs its public tokens (default {@code tr_dev_testkit}). */
    public Builder secretKey(String secretKey) {
      Objects.requireNonNull(secretKey, "secretKey");
      if (secretKey.isBlank()) {
        throw new IllegalArgumentException("secretKey must not be blank");
      }
      this.secretKey = secretKey;
      return this;
    }

    /**
     * Also accepts {@code key}, an additional API key of the environment ({@code tr_<env>_sk_} and 24
     * letters or digits, as the API keys page makes them), granted {@code scopes} ({@code action:type[:id]},
     * e.g. {@code read:runs}; bare {@code admin} is full access). As on the live server it authenticates the
     * API routes with those scopes, the legacy ones (JWT claims, reschedule) only with {@code admin}, and
     * mints public tokens within them at {@code POST /api/v1/auth/public-tokens}, signed with the
     * {@link #secretKey root key}. May be called for several keys.
     */
    public Builder additionalApiKey(String key, String... scopes) {
      Objects.requireNonNull(key, "key");
      if (!JwtAuthenticator.isAdditionalApiKey(key)) {
        throw new IllegalArgumentException("not an additional API key: it must be tr_dev_sk_, tr_stg_sk_,"
            + " tr_prod_sk_ or tr_preview_sk_ followed by 24 letters or digits");
      }
      if (scopes.length == 0) {
        throw new IllegalArgumentException("an additional API key needs at least one scope, e.g. read:runs or admin");
      }
      for (String scope : scopes) {
        Objects.requireNonNull(scope, "scope");
      }
      additionalApiKeys.put(key, List.of(scopes));
      return this;
    }

    /** The port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The server's "now": for generated data, the 7-day window, periods, clamping {@code to},
     * rate-limit refills and {@link #addRun()} (default the system UTC clock). A
     * {@link MutableClock} makes time-dependent tests exact.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The per-key token bucket (default {@link RateLimit#live()}). */
    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
      return this;
    }

    /** The fault plan in force from the first request (default {@link FaultPlan#none()}). */
    public Builder faults(FaultPlan faults) {
      this.faults = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /**
     * The probability that a forward page comes back shorter than {@code page[size]}, possibly
     * empty, with a {@code next} cursor that continues exactly where it stopped, as the live server
     * sometimes does (default 0: never).
     */
    public Builder shortPages(double probability) {
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("probability must be within 0..1: " + probability);
      }
      this.shortPages = probability;
      return this;
    }

    /** Creates the server (not yet started) and generates its runs. */
    public FakeTriggerServer build() {
      return new FakeTriggerServer(this);
    }
  }
}
