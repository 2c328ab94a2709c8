package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.internal.realtime.Access;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run's details and actions, as the webapp's routes answer them (read there:
 * {@code api.v3.runs.$runId.ts} with {@code ApiRetrieveRunPresenter}, {@code api.v2.runs.$runParam.cancel.ts},
 * {@code api.v1.runs.$runParam.replay.ts}, {@code api.v1.runs.$runParam.reschedule.ts} and their services):
 * <ul>
 *   <li>retrieve: the run's common fields (as list shows them, without {@code env}), {@code attemptCount},
 *       {@code attempts: []}, {@code relatedRuns}, {@code schedule}; an unknown run is 404
 *       {@code {"error":"Not found"}} with {@code x-should-retry: true};</li>
 *   <li>cancel: {@code {"id"}}; a finished run is answered 200 unchanged; unknown: 404
 *       {@code {"error":"Resource not found"}};</li>
 *   <li>replay: a new QUEUED run of the same task, tags, metadata and test flag, created now (list shows it),
 *       answered {@code {"id": new id}}, once per request; unknown: 404 {@code {"error":"Resource not found"}};</li>
 *   <li>reschedule: body {@code {"delay": "1h30m" or a future date}}; the delay is checked first (400
 *       {@code Invalid request body} / {@code Invalid delay: ...}), then the run (404 {@code Run not found}),
 *       then its status (400 {@code Cannot reschedule a run that is not delayed}); answers the details.</li>
 * </ul>
 */
final class RunActionsRoute {
  private static final Pattern DETAILS = Pattern.compile("/api/v3/runs/([^/]+)");
  private static final Pattern ACTION = Pattern.compile("/api/v(?:1|2)/runs/([^/]+)/(cancel|replay|reschedule)");
  /** The webapp's parseNaturalLanguageDurationInMs: whole units w, d, hr/h, m, s, in any combination. */
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:w|d|hr|h|m|s))+");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(w|d|hr|h|m|s)");

  private final RunStore store;
  private final Clock clock;
  private final Function<FakeRun, FakeRun> replayer;

  /** Serves {@code store}'s runs; {@code replayer} stores and returns a new run replaying the given one. */
  RunActionsRoute(RunStore store, Clock clock, Function<FakeRun, FakeRun> replayer) {
    this.store = store;
    this.clock = clock;
    this.replayer = replayer;
  }

  /** Whether {@code method path} is one of these routes (the API version prefix included). */
  static boolean handles(String method, String path) {
    return method.equals("GET") && DETAILS.matcher(path).matches()
        || method.equals("POST") && ACTION.matcher(path).matches() && path.startsWith(prefixFor(path));
  }

  /** Cancel lives under /api/v2, replay and reschedule under /api/v1. */
  private static String prefixFor(String path) {
    return path.endsWith("/cancel") ? "/api/v2/" : "/api/v1/";
  }

  /** Whether the route takes public access tokens (apiBuilder's {@code allowJWT}): retrieve and cancel do. */
  static boolean acceptsTokens(String path) {
    return DETAILS.matcher(path).matches() || path.endsWith("/cancel");
  }

  /**
   * Whether the route authenticates the legacy way ({@code authenticateApiRequest}, no JWTs), as
   * reschedule does: any credential but the secret key is then 401 {@code Invalid or missing API Key}.
   */
  static boolean legacyAuthentication(String path) {
    return path.endsWith("/reschedule");
  }

  /**
   * Whether a credential with {@code access} may do {@code method path}, as the route's authorization
   * checks it (only public tokens can fail it), looking the run up first as the route builders do. Retrieve
   * ({@code createLoaderApiRoute}): an unknown run is the 404 before authorization (allowed here, so
   * {@link #answer} gives it); otherwise read on any of the run's resources. Cancel
   * ({@code createActionApiRoute}): authorization comes before the 404, with write on the run or its
   * task, or on {@code runs:<id>} for an unknown run.
   */
  boolean allows(String method, String path, Access access) {
    Matcher details = DETAILS.matcher(path);
    if (method.equals("GET") && details.matches()) {
      return store.get(details.group(1)).map(run -> access.can("read", Access.resourcesOf(run))).orElse(true);
    }
    Matcher action = ACTION.matcher(path);
    action.matches();
    String id = action.group(1);
    List<Access.Resource> resources = store.get(id)
        .map(run -> List.of(Access.Resource.of("runs", run.id()), Access.Resource.of("tasks", run.taskIdentifier())))
        .orElseGet(() -> List.of(Access.Resource.of("runs", id)));
    return access.can("write", resources);
  }

  /** The answer to an authenticated request {@link #handles} accepted. */
  Answer answer(String method, String path, String body, boolean currentApi) {
    Matcher details = DETAILS.matcher(path);
    if (method.equals("GET") && details.matches()) {
      return store.get(details.group(1))
          .map(run -> Answer.json(200, details(run, currentApi)))
          .orElseGet(() -> Answer.error(404, "Not found").withHeader("x-should-retry", "true"));
    }
    Matcher action = ACTION.matcher(path);
    action.matches();
    String id = action.group(1);
    switch (action.group(2)) {
      case "cancel":
        return cancel(id);
      case "replay":
        return store.get(id).map(run -> idAnswer(replayer.apply(run).id()))
            .orElseGet(() -> Answer.error(404, "Resource not found"));
      default:
        return reschedule(id, body, currentApi);
    }
  }

  private Answer cancel(String id) {
    Optional<FakeRun> run = store.get(id);
    if (!run.isPresent()) {
      return Answer.error(404, "Resource not found");
    }
    if (!RunStatuses.isTerminal(run.get().status())) {
      Instant now = clock.instant();
      store.update(id, r -> r.toBuilder().status("CANCELED").finishedAt(now).updatedAt(now).build());
    }
    return idAnswer(id);
  }

  private Answer reschedule(String id, String body, boolean currentApi) {
    JsonElement delay = delayOf(body);
    if (delay == null) {
      return Answer.error(400, "Invalid request body");
    }
    Instant until = delayUntil(delay.getAsString());
    if (until == null) {
      return Answer.error(400, "Invalid delay: " + delay.getAsString());
    }
    Optional<FakeRun> run = store.get(id);
    if (!run.isPresent()) {
      return Answer.error(404, "Run not found");
    }
    if (!run.get().status().equals("DELAYED")) {
      return Answer.error(400, "Cannot reschedule a run that is not delayed");
    }
    FakeRun changed = store.update(id, r -> r.toBuilder().delayedUntil(until).updatedAt(clock.instant()).build());
    return Answer.json(200, details(changed, currentApi));
  }

  private static JsonElement delayOf(String body) {
    try {
      JsonElement json = JsonParser.parseString(body == null ? "" : body);
      JsonElement delay = json.isJsonObject() ? json.getAsJsonObject().get("delay") : null;
      return delay != null && delay.isJsonPrimitive() && delay.getAsJsonPrimitive().isString() ? delay : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** As the webapp's parseDelay: a date must be in the future; else the duration grammar from now. */
  private Instant delayUntil(String delay) {
    Instant now = clock.instant();
    try {
      Instant date = OffsetDateTime.parse(delay).toInstant();
      return date.isAfter(now) ? date : null;
    } catch (DateTimeParseException notADate) {
      if (delay.isEmpty() || delay.length() > 100 || !DURATION.matcher(delay).matches()) {
        return null;
      }
      long millis = 0;
      Matcher part = DURATION_PART.matcher(delay);
      while (part.find()) {
        long n = Long.parseLong(part.group(1));
        switch (part.group(2)) {
          case "w": millis += n * 7 * 86_400_000L; break;
          case "d": millis += n * 86_400_000L; break;
          case "hr": case "h": millis += n * 3_600_000L; break;
          case "m": millis += n * 60_000L; break;
          default: millis += n * 1_000L; break;
        }
      }
      return now.plusMillis(millis);
    }
  }

  /** The details of {@code run}, with its common fields as the list shows them. */
  static JsonObject details(FakeRun run, boolean currentApi) {
    JsonObject o = RunJson.item(run, currentApi);
    o.remove("env");
    o.addProperty("triggerFunction", run.batch() == null ? "trigger" : "batchTrigger");
    if (run.batch() != null) {
      o.addProperty("batchId", run.batch());
    }
    if (run.schedule() != null) {
      JsonObject generator = new JsonObject();
      generator.addProperty("type", "CRON");
      generator.addProperty("expression", "0 0 * * *");
      generator.addProperty("description", "Every day at midnight");
      JsonObject schedule = new JsonObject();
      schedule.addProperty("id", run.schedule());
      schedule.add("generator", generator);
      o.add("schedule", schedule);
    }
    o.addProperty("attemptCount", run.startedAt() == null ? 0 : 1);
    o.add("attempts", new JsonArray());
    JsonObject related = new JsonObject();
    related.add("children", new JsonArray());
    o.add("relatedRuns", related);
    return o;
  }

  private static Answer idAnswer(String id) {
    JsonObject body = new JsonObject();
    body.addProperty("id", id);
    return Answer.json(200, body);
  }
}
