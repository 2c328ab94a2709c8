package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultCounts;
import io.github.triggerruns.testkit.FaultPlan;
import java.time.Clock;
import io.github.triggerruns.testkit.internal.realtime.Access;
import io.github.triggerruns.testkit.internal.realtime.Authenticator;
import io.github.triggerruns.testkit.internal.realtime.JwtAuthenticator;
import io.github.triggerruns.testkit.internal.realtime.RealtimeEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/runs} and one run's details and actions ({@link RunActionsRoute}), in the order the live server handles it: the rate limiter first (a
 * missing Authorization header is refused there, every other request takes a token from the bucket
 * of its header value), then the route's authentication, then query validation, then the page.
 * Injected faults come before all of that, as if they happened between client and server.
 *
 * <p>Thread-safe: WireMock calls {@link #handle} from many request threads.
 */
public final class RunsEndpoint {
  private static final Pattern BEARER_PREFIX = Pattern.compile("^Bearer ");

  private final Pager pager;
  private final RunActionsRoute actions;
  private final TokenBuckets buckets;
  private final Clock clock;
  private final String secretKey;
  private final AtomicInteger requests = new AtomicInteger();
  private final FaultCounter faultCounter = new FaultCounter();
  private volatile InstalledPlan plan;
  private volatile Authenticator tokens;

  /**
   * An endpoint serving {@code pager}'s pages and {@code store}'s runs to holders of {@code secretKey};
   * {@code replayer} stores and returns the new run a replay makes.
   */
  public RunsEndpoint(Pager pager, RunStore store, Function<FakeRun, FakeRun> replayer, TokenBuckets buckets,
      Clock clock, String secretKey, FaultPlan plan) {
    this.pager = pager;
    this.actions = new RunActionsRoute(store, clock, replayer);
    this.buckets = buckets;
    this.clock = clock;
    this.secretKey = secretKey;
    this.plan = new InstalledPlan(plan);
  }

  /** Whether this endpoint serves {@code method path} (a path without its query). */
  public static boolean serves(String method, String path) {
    return method.equals("GET") && path.equals("/api/v1/runs") || RunActionsRoute.handles(method, path);
  }

  /**
   * Answers one request the endpoint {@link #serves}. Header arguments are null when the header is absent;
   * {@code body} is the request's body text (empty when none).
   */
  public Answer handle(String method, String url, String authorization, String apiVersion, String body) {
    requests.incrementAndGet();
    InstalledPlan installed = plan;
    int number = installed.requests.incrementAndGet();
    FaultPlan faults = installed.plan;
    long delayMs = faults.latencyFor(number).toMillis();
    Optional<Fault> fault = faults.faultFor(number);
    fault.ifPresent(faultCounter::record);

    Answer answer;
    if (fault.isEmpty() || fault.get() == Fault.LATENCY) {
      answer = respond(method, url, authorization, apiVersion, body, true);
      if (fault.isPresent()) {
        delayMs += faults.latencyFaultDelay().toMillis();
      }
    } else {
      answer =
          FaultAnswers.answer(
              fault.get(),
              faults,
              () -> respond(method, url, authorization, apiVersion, body, false),
              buckets.limit(),
              clock.millis());
    }
    return answer.delayedBy(delayMs);
  }

  /** Accepts public access tokens too, as {@code tokens} validates them (the route's {@code allowJWT}). */
  public void acceptTokens(Authenticator tokens) {
    this.tokens = tokens;
  }

  /** Installs a new fault plan; its request numbers start again at 1. */
  public void install(FaultPlan newPlan) {
    plan = new InstalledPlan(newPlan);
  }

  /** The fault plan in force. */
  public FaultPlan plan() {
    return plan.plan;
  }

  /** Requests received so far, faulted ones included. */
  public int requestCount() {
    return requests.get();
  }

  /** Faults injected so far. */
  public FaultCounts faultCounts() {
    return faultCounter.snapshot();
  }

  private Answer respond(String method, String url, String authorization, String apiVersion, String body,
      boolean consume) {
    if (authorization == null) {
      return Problems.missingAuthorization();
    }
    Map<String, String> rateLimitHeaders = Map.of();
    if (buckets.enabled()) {
      TokenBuckets.Decision d = buckets.take(authorization, consume);
      if (!d.allowed() && consume) {
        return Problems.tooManyRequests(d.limit(), d.resetMs(), d.nowMs());
      }
      rateLimitHeaders = Problems.headers(d.limit(), d.remaining(), d.resetMs());
    }
    Authenticator tokens = this.tokens;
    if (tokens != null && JwtAuthenticator.isJwt(JwtAuthenticator.bearer(authorization))) {
      return tokenRoute(tokens.authenticate(authorization), method, url, apiVersion, body)
          .withHeaders(rateLimitHeaders);
    }
    return authenticated(authorization)
        .orElseGet(() -> route(method, url, apiVersion, body))
        .withHeaders(rateLimitHeaders);
  }

  // Empty when the key is the server's; otherwise the 401 the live bearer check answers
  // (rbac bearerCredentials.ts): it strips a leading "Bearer " (case-sensitive) and trims, then
  // looks the rest up as an environment's key. A key that matches no environment is 401 whatever
  // its shape; 403 is only for a credential that is valid but lacks permission.
  private Optional<Answer> authenticated(String authorization) {
    String token = BEARER_PREFIX.matcher(authorization).replaceFirst("").strip();
    if (token.equals(secretKey)) {
      return Optional.empty();
    }
    JsonObject body = new JsonObject();
    body.addProperty("error", token.isEmpty() ? "Invalid or Missing API key" : "Invalid API key");
    return Optional.of(Answer.json(401, body));
  }

  private Answer route(String method, String url, String apiVersion, String body) {
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    return path.equals("/api/v1/runs") ? list(url, apiVersion)
        : actions.answer(method, path, body, RunStatuses.isCurrentApi(apiVersion));
  }

  /**
   * A request carrying a public access token. Listing: api.v1.runs.ts (type-level runs or tasks, else, with a
   * task filter, every filtered task by id). Retrieve: the run by id or all runs. The other actions are
   * answered 403 here (see the README's known differences).
   */
  private Answer tokenRoute(Authenticator.Outcome outcome, String method, String url, String apiVersion,
      String body) {
    if (outcome.refusal() != null) {
      return outcome.refusal();
    }
    Access access = outcome.access();
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    if (!path.equals("/api/v1/runs")) {
      String runId = path.substring(path.lastIndexOf('/') + 1);
      boolean retrieve = method.equals("GET") && path.startsWith("/api/v3/runs/");
      if (retrieve && access.can("read", List.of(Access.Resource.of("runs"), Access.Resource.of("runs", runId)))) {
        return route(method, url, apiVersion, body);
      }
      return RealtimeEndpoint.forbidden();
    }
    boolean broad = access.can("read", List.of(Access.Resource.of("runs"), Access.Resource.of("tasks")));
    List<String> tasks = QueryParams.ofUrl(url).get("filter[taskIdentifier]")
        .map(v -> List.of(v.split(","))).orElse(List.of());
    boolean everyTask = !tasks.isEmpty()
        && tasks.stream().allMatch(task -> access.can("read", List.of(Access.Resource.of("tasks", task))));
    if (!broad && !everyTask) {
      return RealtimeEndpoint.forbidden();
    }
    return list(url, apiVersion);
  }

  private Answer list(String url, String apiVersion) {
    ListRunsRequest.Parsed parsed = ListRunsRequest.parse(QueryParams.ofUrl(url), clock.millis());
    if (parsed.request().isEmpty()) {
      return Answer.json(400, Issues.queryError(parsed.issues()));
    }
    Pager.Page page = pager.page(parsed.request().get());
    return Answer.json(
        200,
        RunJson.page(
            page.runs(), page.next(), page.previous(), RunStatuses.isCurrentApi(apiVersion)));
  }

  private static final class InstalledPlan {
    final FaultPlan plan;
    final AtomicInteger requests = new AtomicInteger();

    InstalledPlan(FaultPlan plan) {
      this.plan = plan;
    }
  }
}
