package io.github.triggerruns.testkit.internal.realtime;


import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.RealtimeBackend;
import io.github.triggerruns.testkit.RealtimeFault;
import io.github.triggerruns.testkit.internal.Answer;
import io.github.triggerruns.testkit.internal.Issues;
import io.github.triggerruns.testkit.internal.Json;
import io.github.triggerruns.testkit.internal.QueryParams;
import io.github.triggerruns.testkit.internal.RunStatuses;
import io.github.triggerruns.testkit.internal.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The realtime feeds ({@code GET /realtime/v1/runs/{id}}, {@code /realtime/v1/runs?tags=},
 * {@code /realtime/v1/batches/{id}}) as the native realtime backend serves them
 * ({@code nativeRealtimeClient.server.ts}), or, with {@link RealtimeBackend#ELECTRIC}, as the webapp's proxy
 * passes Electric's shape logs on ({@code realtimeClient.server.ts}; the log itself is {@link ElectricShapes}).
 * Native: a snapshot, then live requests held until a matching run
 * changes (any change to the store wakes them at once) or the hold time passes; full rows in every
 * change; the per-handle working set of multi-run feeds; the per-environment cap on concurrent live
 * requests. Route order as the live {@code createLoaderApiRoute}: authentication, query validation,
 * resource (404), authorization (403), then the feed.
 *
 * <p>Thread-safe. A held request blocks its server thread, as a Jetty thread per held request.
 */
public final class RealtimeEndpoint {
  private static final Pattern RUN_PATH = Pattern.compile("/realtime/v1/runs/([^/?]+)");
  private static final Pattern BATCH_PATH = Pattern.compile("/realtime/v1/batches/([^/?]+)");
  private static final Pattern TAG_FEED_PATH = Pattern.compile("/realtime/v1/runs/?");
  private static final Pattern UNSAFE_TAG = Pattern.compile("[\\x00-\\x1f\\x7f\\\\\"]");
  private static final Pattern DURATION = Pattern.compile("^(\\d+(?:w|d|hr|h|m|s))+$");
  private static final long MAX_CREATED_AT_AGE_MS = Duration.ofDays(1).toMillis();
  private static final long CREATED_AT_BUCKET_MS = 60_000;
  private static final int MAX_LIST_RESULTS = 1_000;
  private static final int MAX_WORKING_SETS = 10_000;
  private static final String UP_TO_DATE = "{\"headers\":{\"control\":\"up-to-date\"}}";

  private final RunStore store;
  private final RunChanges changes;
  private final Clock clock;
  private final Authenticator authenticator;
  private final RealtimeBackend backend;
  private final ElectricShapes shapes;
  private final Duration hold;
  private final int connectionLimit;
  private final double faultProbability;
  private final Random faultRandom;
  private final ConcurrentLinkedQueue<RealtimeFault> queuedFaults = new ConcurrentLinkedQueue<>();
  private final AtomicLong seq = new AtomicLong();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger peakHeld = new AtomicInteger();
  private final Map<String, Map<String, Long>> workingSets =
      Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Long>> eldest) {
          return size() > MAX_WORKING_SETS;
        }
      });

  /**
   * An endpoint over {@code store}.
   *
   * @param hold how long a live request waits for a change before answering up to date
   * @param connectionLimit how many live requests may be held at once (the environment's cap)
   * @param faultProbability the chance that a live request meets a random {@link RealtimeFault}
   * @param backend whose wire format the feeds answer in
   * @param chunkRows with {@link RealtimeBackend#ELECTRIC}, the most rows one snapshot answer carries
   */
  public RealtimeEndpoint(RunStore store, RunChanges changes, Clock clock, Authenticator authenticator,
      Duration hold, int connectionLimit, double faultProbability, long seed, RealtimeBackend backend,
      int chunkRows) {
    this.store = store;
    this.changes = changes;
    this.clock = clock;
    this.authenticator = authenticator;
    this.hold = hold;
    this.connectionLimit = connectionLimit;
    this.faultProbability = faultProbability;
    this.faultRandom = new Random(seed);
    this.backend = backend;
    this.shapes = new ElectricShapes(chunkRows, clock);
  }

  /** Answers one request, holding it when it is live. Header arguments are null when absent. */
  public Answer handle(String url, String authorization, String electricVersion, String apiVersion) {
    requests.incrementAndGet();
    Authenticator.Outcome auth = authenticator.authenticate(authorization);
    if (auth.refusal() != null) {
      return auth.refusal();
    }
    String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    QueryParams query = QueryParams.ofUrl(url);
    RealtimeFeedRequest request = RealtimeFeedRequest.parse(query, auth.skipColumns());
    Headers headers = new Headers(backend, electricVersion != null, RunStatuses.isCurrentApi(apiVersion));
    Matcher run = RUN_PATH.matcher(path);
    if (run.matches()) {
      return single(run.group(1), request, auth.access(), headers);
    }
    Matcher batch = BATCH_PATH.matcher(path);
    if (batch.matches()) {
      return batch(batch.group(1), request, auth.access(), headers);
    }
    if (TAG_FEED_PATH.matcher(path).matches()) {
      return tags(request, auth.access(), headers);
    }
    return notFound(false);
  }

  /** Queues faults for the next live requests, one each, in order. */
  public void queue(List<RealtimeFault> faults) {
    queuedFaults.addAll(faults);
  }

  /** Realtime requests received so far. */
  public int requestCount() {
    return requests.get();
  }

  /** Live requests being held now. */
  public int heldRequests() {
    return held.get();
  }

  /** The most live requests held at once so far. */
  public int peakHeldRequests() {
    return peakHeld.get();
  }

  /** Releases every held request (the server is stopping). */
  public void close() {
    changes.close();
  }

  // --- The three feeds -------------------------------------------------------------------------

  private Answer single(String runId, RealtimeFeedRequest request, Access access, Headers headers) {
    Optional<FakeRun> found = store.get(runId);
    if (found.isEmpty()) {
      return notFound(false);
    }
    FakeRun run = found.get();
    if (!access.can("read", Access.resourcesOf(run))) {
      return forbidden();
    }
    if (backend == RealtimeBackend.ELECTRIC) {
      return electric(candidate -> candidate.id().equals(runId), request, headers);
    }
    String handle = request.handle() != null ? request.handle() : "run-" + runId;
    if (request.snapshot() || !request.live()) {
      List<FakeRun> rows = found.map(List::of).orElse(List.of());
      long updated = found.map(r -> r.updatedAt().toEpochMilli()).orElse(0L);
      return headers.answer(body(rows, "insert", request.skip()), offset(updated), handle, null,
          RealtimeRows.schemaHeader(request.skip(), backend));
    }
    return live(headers, request, handle, deadline -> {
      Optional<FakeRun> now = store.get(runId);
      if (now.isPresent() && now.get().updatedAt().toEpochMilli() > request.lastSeenMs()) {
        long updated = now.get().updatedAt().toEpochMilli();
        return Optional.of(change(headers, List.of(now.get()), "update", request, handle, updated));
      }
      return Optional.empty();
    }, request.offset());
  }

  private Answer batch(String batchId, RealtimeFeedRequest request, Access access, Headers headers) {
    Predicate<FakeRun> member = run -> batchId.equals(run.batch());
    if (store.snapshot().stream().noneMatch(member)) {
      // The batch route sets shouldRetryNotFound: a new batch may not have replicated yet.
      return notFound(true);
    }
    if (!access.can("read", List.of(Access.Resource.of("batch", batchId), Access.Resource.of("runs")))) {
      return forbidden();
    }
    if (backend == RealtimeBackend.ELECTRIC) {
      return electric(member, request, headers);
    }
    if (request.snapshot() || !request.live()) {
      String handle = request.handle() != null ? request.handle()
          : "batch_" + batchId + "_" + seq.incrementAndGet() + "_" + suffix();
      return runSetSnapshot(member, handle, request, headers);
    }
    return runSetLive(member, request.handle(), request, headers);
  }

  private Answer tags(RealtimeFeedRequest request, Access access, Headers headers) {
    List<String> tags = request.query().get("tags").filter(t -> !t.isEmpty())
        .map(t -> List.of(t.split(",", -1))).orElse(List.of());
    for (String tag : tags) {
      if (tag.isEmpty() || UNSAFE_TAG.matcher(tag).find()) {
        return Answer.json(400, Issues.queryError(List.of(Issues.custom("tags",
            "Invalid tag: " + Json.compact(new com.google.gson.JsonPrimitive(tag))))));
      }
    }
    List<Access.Resource> resources = new ArrayList<>(List.of(Access.Resource.of("runs"),
        Access.Resource.of("tags")));
    tags.forEach(tag -> resources.add(Access.Resource.of("tags", tag)));
    if (!access.can("read", resources)) {
      return forbidden();
    }
    if (backend == RealtimeBackend.ELECTRIC) {
      // The proxy's where clause, fixed when the shape is created: every tag, created after the window's start.
      long floorMs = createdAtFloor(request.query().get("createdAt").orElse(null));
      return electric(run -> run.tags().containsAll(tags) && run.createdAt().toEpochMilli() >= floorMs, request,
          headers);
    }
    long floorMs;
    String handle;
    if (request.snapshot()) {
      floorMs = createdAtFloor(request.query().get("createdAt").orElse(null));
      handle = "runs_" + floorMs + "_" + seq.incrementAndGet() + "_" + suffix();
    } else {
      handle = request.handle();
      Long recovered = floorFromHandle(handle);
      floorMs = recovered != null
          ? bucket(Math.max(recovered, clock.millis() - MAX_CREATED_AT_AGE_MS))
          : createdAtFloor(request.query().get("createdAt").orElse(null));
    }
    Predicate<FakeRun> member = run -> run.tags().containsAll(tags) && run.createdAt().toEpochMilli() >= floorMs;
    return request.snapshot() || !request.live() ? runSetSnapshot(member, handle, request, headers)
        : runSetLive(member, handle, request, headers);
  }

  // --- Snapshots and live requests -------------------------------------------------------------

  private Answer runSetSnapshot(Predicate<FakeRun> member, String handle, RealtimeFeedRequest request,
      Headers headers) {
    List<FakeRun> rows = matching(member);
    Map<String, Long> seen = new LinkedHashMap<>();
    long max = 0;
    for (FakeRun run : rows) {
      seen.put(run.id(), run.updatedAt().toEpochMilli());
      max = Math.max(max, run.updatedAt().toEpochMilli());
    }
    workingSets.put(handle, seen);
    return headers.answer(body(rows, "insert", request.skip()), offset(max), handle, null,
        RealtimeRows.schemaHeader(request.skip(), backend));
  }

  private Answer runSetLive(Predicate<FakeRun> member, String handle, RealtimeFeedRequest request,
      Headers headers) {
    long floor = request.lastSeenMs();
    return live(headers, request, handle, deadline -> {
      Map<String, Long> prior = workingSets.get(handle);
      List<FakeRun> rows = matching(member);
      List<String> body = new ArrayList<>();
      Map<String, Long> touched = new LinkedHashMap<>();
      long max = floor;
      for (FakeRun run : rows) {
        long updated = run.updatedAt().toEpochMilli();
        touched.put(run.id(), updated);
        max = Math.max(max, updated);
        Long before = prior == null ? null : prior.get(run.id());
        if (prior != null && before == null) {
          body.add(message(run, "insert", request.skip()));
        } else if (prior != null ? updated > before : updated > floor) {
          body.add(message(run, "update", request.skip()));
        }
      }
      if (body.isEmpty() && !deadline) {
        return Optional.empty();
      }
      workingSets.put(handle, touched);
      body.add(UP_TO_DATE);
      return Optional.of(headers.answer("[" + String.join(",", body) + "]", offset(max), handle,
          String.valueOf(seq.incrementAndGet()), null));
    }, request.offset());
  }

  /**
   * A feed as Electric serves it: a new shape at offset {@code -1}; then its snapshot chunks, answered at once;
   * then its log, held while nothing changed when live. An unknown handle or offset must refetch.
   */
  private Answer electric(Predicate<FakeRun> member, RealtimeFeedRequest request, Headers headers) {
    String handle;
    ElectricShapes.Shape shape;
    if (request.snapshot()) {
      handle = request.handle() != null ? request.handle() : shapes.mintHandle();
      shape = shapes.create(handle, member, matching(member), request.skip());
    } else {
      handle = request.handle();
      shape = shapes.get(handle);
      if (shape == null || !shape.knows(request.offset())) {
        return mustRefetch(headers, shapes.mintHandle());
      }
    }
    String offset = request.offset();
    if (!request.live() || shape.inSnapshot(offset)) {
      return electricAnswer(headers, shape.next(offset, matching(shape.member())), handle, null, shape);
    }
    return live(headers, request, handle, deadline -> {
      ElectricShapes.Batch batch = shape.next(offset, matching(shape.member()));
      if (batch.messages.isEmpty() && !deadline) {
        return Optional.empty();
      }
      return Optional.of(electricAnswer(headers, batch, handle, String.valueOf(seq.incrementAndGet()), null));
    }, offset);
  }

  private Answer electricAnswer(Headers headers, ElectricShapes.Batch batch, String handle, String cursor,
      ElectricShapes.Shape schemaOf) {
    List<String> messages = new ArrayList<>(batch.messages);
    if (batch.upToDate) {
      messages.add(UP_TO_DATE);
    }
    return headers.answer("[" + String.join(",", messages) + "]", batch.upToDate, batch.offset, handle, cursor,
        schemaOf == null ? null : RealtimeRows.schemaHeader(schemaOf.skip(), backend));
  }

  /** What a live request answers when it looks: a change, or empty to keep holding; {@code deadline} when out of time. */
  private interface Look {
    Optional<Answer> look(boolean deadline);
  }

  private Answer live(Headers headers, RealtimeFeedRequest request, String handle, Look look, String offset) {
    RealtimeFault fault = nextFault();
    if (fault == RealtimeFault.TOO_MANY_CONNECTIONS) {
      return tooMany();
    }
    if (fault == RealtimeFault.MUST_REFETCH) {
      return mustRefetch(headers, backend == RealtimeBackend.ELECTRIC ? shapes.mintHandle()
          : handle + "-next-" + suffix());
    }
    int now = held.incrementAndGet();
    try {
      if (now > connectionLimit) {
        return tooMany();
      }
      peakHeld.accumulateAndGet(now, Math::max);
      if (fault == RealtimeFault.DROP_MID_HOLD) {
        // Changes during the hold are not answered: the client must find them after reconnecting.
        long dropAt = System.nanoTime() + hold.toNanos() / 2;
        while (!changes.isClosed() && System.nanoTime() - dropAt < 0) {
          changes.awaitChange(changes.version(), dropAt);
        }
        return Answer.broken(Answer.Delivery.RESET);
      }
      long deadline = System.nanoTime() + hold.toNanos();
      while (true) {
        long version = changes.version();
        Optional<Answer> changed = look.look(false);
        if (changed.isPresent()) {
          return changed.get();
        }
        if (changes.isClosed() || System.nanoTime() - deadline >= 0) {
          return look.look(true).orElseGet(() -> headers.answer("[" + UP_TO_DATE + "]", offset, handle,
              String.valueOf(seq.incrementAndGet()), null));
        }
        changes.awaitChange(version, deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.broken(Answer.Delivery.RESET);
    } finally {
      held.decrementAndGet();
    }
  }

  private Answer change(Headers headers, List<FakeRun> rows, String operation, RealtimeFeedRequest request,
      String handle, long updatedMs) {
    return headers.answer(body(rows, operation, request.skip()), offset(updatedMs), handle,
        String.valueOf(seq.incrementAndGet()), null);
  }

  private static Answer mustRefetch(Headers headers, String freshHandle) {
    return Answer.of(409, Answer.JSON, "[{\"headers\":{\"control\":\"must-refetch\"}}]")
        .withHeader(headers.handleName(), freshHandle);
  }

  private RealtimeFault nextFault() {
    RealtimeFault queued = queuedFaults.poll();
    if (queued != null) {
      return queued;
    }
    if (faultProbability > 0) {
      synchronized (faultRandom) {
        if (faultRandom.nextDouble() < faultProbability) {
          RealtimeFault[] kinds = RealtimeFault.values();
          return kinds[faultRandom.nextInt(kinds.length)];
        }
      }
    }
    return null;
  }

  // --- Helpers --------------------------------------------------------------------------------

  private List<FakeRun> matching(Predicate<FakeRun> member) {
    // The store is in list order (newest first); the live resolver caps a feed at 1,000 runs.
    return store.snapshot().stream().filter(member).limit(MAX_LIST_RESULTS).collect(Collectors.toList());
  }

  private String body(List<FakeRun> rows, String operation, Set<String> skip) {
    List<String> messages = new ArrayList<>();
    for (FakeRun run : rows) {
      messages.add(message(run, operation, skip));
    }
    messages.add(UP_TO_DATE);
    return "[" + String.join(",", messages) + "]";
  }

  private static String message(FakeRun run, String operation, Set<String> skip) {
    return RealtimeRows.message(RealtimeRows.key(run), operation,
        RealtimeRows.value(run, skip, RealtimeBackend.NATIVE));
  }

  private String offset(long updatedMs) {
    return updatedMs + "_" + seq.incrementAndGet();
  }

  private long createdAtFloor(String createdAt) {
    long now = clock.millis();
    long floor = now - MAX_CREATED_AT_AGE_MS;
    String text = createdAt == null ? "24h" : createdAt;
    Long parsed = DURATION.matcher(text).matches() && text.length() <= 100 ? durationMs(text) : null;
    long resolved = parsed == null ? floor : Math.max(floor, now - parsed);
    return bucket(resolved);
  }

  /** {@code parseNaturalLanguageDurationInMs}: the first number of each unit counts. */
  private static Long durationMs(String text) {
    long total = 0;
    String[][] units = {{"w", "604800000"}, {"d", "86400000"}, {"(?:hr|h)", "3600000"}, {"m", "60000"},
        {"s", "1000"}};
    for (String[] unit : units) {
      Matcher m = Pattern.compile("(\\d+)" + unit[0]).matcher(text);
      if (m.find()) {
        total += Long.parseLong(m.group(1)) * Long.parseLong(unit[1]);
      }
    }
    return total;
  }

  private static long bucket(long ms) {
    return Math.floorDiv(ms, CREATED_AT_BUCKET_MS) * CREATED_AT_BUCKET_MS;
  }

  private static Long floorFromHandle(String handle) {
    String[] parts = handle.split("_", -1);
    if (parts.length < 2 || !parts[0].equals("runs")) {
      return null;
    }
    try {
      long ms = Long.parseLong(parts[1]);
      return ms > 0 ? ms : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static Answer notFound(boolean retry) {
    return Answer.of(404, Answer.JSON, "{\"error\":\"Not found\"}")
        .withHeader("x-should-retry", retry ? "true" : "false");
  }

  /** The live 403 of a route's authorization check (a token without the scope). */
  public static Answer forbidden() {
    return Answer.of(403, Answer.JSON,
        "{\"error\":\"Unauthorized\",\"code\":\"unauthorized\",\"param\":\"access_token\",\"type\":\"authorization\"}");
  }

  private static Answer tooMany() {
    return Answer.of(429, Answer.JSON, "{\"error\":\"Too many concurrent requests\"}");
  }

  /**
   * The response headers: native, those {@code #buildResponse} writes; Electric, those Electric writes
   * ({@code electric-up-to-date} when caught up, its cache-control) as the proxy passes them on. Either way named
   * by whether the client sent its version (the proxy renames handle and offset for legacy clients).
   */
  private static final class Headers {
    /** Electric's cache-control on non-live answers (cacheable: an offset's answer never changes). */
    private static final String ELECTRIC_CACHE = "public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746";
    /** Electric's cache-control on live answers. */
    private static final String ELECTRIC_LIVE_CACHE = "public, max-age=5, stale-while-revalidate=5";

    private final RealtimeBackend backend;
    private final boolean electricNames;
    private final boolean currentApi;

    Headers(RealtimeBackend backend, boolean electricNames, boolean currentApi) {
      this.backend = backend;
      this.electricNames = electricNames;
      this.currentApi = currentApi;
    }

    String handleName() {
      return electricNames ? "electric-handle" : "electric-shape-id";
    }

    /** A native answer: always up to date. */
    Answer answer(String body, String offset, String handle, String cursor, String schema) {
      return answer(body, true, offset, handle, cursor, schema);
    }

    Answer answer(String body, boolean upToDate, String offset, String handle, String cursor, String schema) {
      String text = currentApi ? body : body.replace("\"status\":\"DEQUEUED\"", "\"status\":\"EXECUTING\"");
      boolean electric = backend == RealtimeBackend.ELECTRIC;
      String cache = !electric ? "no-store" : cursor != null ? ELECTRIC_LIVE_CACHE : ELECTRIC_CACHE;
      Answer answer = Answer.of(200, Answer.JSON, text)
          .withHeader("cache-control", cache)
          .withHeader(electricNames ? "electric-offset" : "electric-chunk-last-offset", offset)
          .withHeader(handleName(), handle);
      if (cursor != null) {
        answer = answer.withHeader("electric-cursor", cursor);
      }
      if (schema != null) {
        answer = answer.withHeader("electric-schema", schema);
      }
      if (electric && upToDate) {
        answer = answer.withHeader("electric-up-to-date", "");
      }
      return answer;
    }
  }

}
