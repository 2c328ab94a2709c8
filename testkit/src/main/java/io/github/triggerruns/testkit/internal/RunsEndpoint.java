package io.github.triggerruns.testkit.internal;

import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultCounts;
import io.github.triggerruns.testkit.FaultPlan;
import io.github.triggerruns.testkit.internal.realtime.Access;
import io.github.triggerruns.testkit.internal.realtime.Authenticator;
import io.github.triggerruns.testkit.internal.realtime.JwtAuthenticator;
import io.github.triggerruns.testkit.internal.realtime.RealtimeEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code GET /api/v1/runs} and one run's details and actions ({@link RunActionsRoute}), in the order
 * the live server handles it: the rate limiter first (a missing Authorization header is refused there;
 * a valid public access token counts against its own fixed window, every other request takes a token
 * from the bucket of its header value), then the route's authentication and, for a token, its
 * authorization, then query validation, then the page.
 * Injected faults come before all of that, as if they happened between client and server.
 *
 * <p>Thread-safe: WireMock calls {@link #handle} from many request threads.
 */
public final class RunsEndpoint {
  private static final String LIST_PATH = "/api/v1/runs";
  // The live defaults of API_RATE_LIMIT_JWT_TOKENS and API_RATE_LIMIT_JWT_WINDOW (env.server.ts).
  private static final int TOKEN_REQUESTS_PER_WINDOW = 60;
  private static final Duration TOKEN_WINDOW = Duration.ofMinutes(1);

  private final Pager pager;
  private final RunActionsRoute actions;
  private final TokenBuckets buckets;
  private final FixedWindows tokenWindows;
  private final Clock clock;
  private final JwtAuthenticator credentials;
  private final AtomicInteger requests = new AtomicInteger();
  private final FaultCounter faultCounter = new FaultCounter();
  private volatile InstalledPlan plan;

  /**
   * An endpoint serving {@code pager}'s pages and {@code store}'s runs to the secret key and the public
   * access tokens {@code credentials} accepts; {@code replayer} stores and returns the new run a replay
   * makes.
   */
  public RunsEndpoint(Pager pager, RunStore store, Function<FakeRun, FakeRun> replayer, TokenBuckets buckets,
      Clock clock, JwtAuthenticator credentials, FaultPlan plan) {
    this.pager = pager;
    this.actions = new RunActionsRoute(store, clock, replayer);
    this.buckets = buckets;
    this.tokenWindows = new FixedWindows(TOKEN_REQUESTS_PER_WINDOW, TOKEN_WINDOW, clock);
    this.clock = clock;
    this.credentials = credentials;
    this.plan = new InstalledPlan(plan);
  }

  /** Whether this endpoint serves {@code method path} (a path without its query). */
  public static boolean serves(String method, String path) {
    return method.equals("GET") && path.equals(LIST_PATH) || RunActionsRoute.handles(method, path);
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
      RateLimitDecision d = limit(authorization, consume);
      if (!d.allowed() && consume) {
        return Problems.tooManyRequests(d);
      }
      rateLimitHeaders = Problems.headers(d.limit(), d.remaining(), d.resetMs());
    }
    return refusal(authorization, method, url)
        .orElseGet(() -> route(method, url, apiVersion, body))
        .withHeaders(rateLimitHeaders);
  }

  // apiRateLimit.server.ts (resolveApiRateLimitOverride): a valid public token has a fixed window of
  // its own, keyed by the Authorization value, or by environment and acting user when the token
  // names one (act.sub); the environment's API keys (root and additional) take from its one token
  // bucket; everything else, a token that fails authentication included, from the bucket of its
  // Authorization value.
  private RateLimitDecision limit(String authorization, boolean consume) {
    String key = JwtAuthenticator.legacyApiKey(authorization);
    if (key != null && !key.startsWith("tr_") && !key.startsWith("pk_")) {
      Authenticator.Outcome token = credentials.publicToken(key);
      if (token.access() != null) {
        String actor = token.actor();
        return tokenWindows.take(
            actor == null ? authorization : "jwt-actor:" + credentials.environmentId() + ":" + actor, consume);
      }
    }
    String environment = credentials.privateKeyEnvironment(authorization);
    return buckets.take(environment != null ? environment : authorization, consume);
  }

  // Empty when the request may go on to its route; otherwise the route's 401 or 403. Reschedule
  // authenticates the legacy way (the secret key only); the others with the bearer check, which
  // tries a public token where the route allows JWTs (list, retrieve, cancel), and then authorize
  // it as that route does.
  private Optional<Answer> refusal(String authorization, String method, String url) {
    String path = pathOf(url);
    if (RunActionsRoute.legacyAuthentication(path)) {
      return credentials.holdsSecretKey(authorization) ? Optional.empty()
          : Optional.of(Answer.error(401, "Invalid or missing API Key"));
    }
    boolean list = path.equals(LIST_PATH);
    Authenticator.Outcome outcome = credentials.authenticate(authorization, list || RunActionsRoute.acceptsTokens(path));
    if (outcome.refusal() != null) {
      return Optional.of(outcome.refusal());
    }
    boolean allowed = list ? mayList(outcome.access(), url) : actions.allows(method, path, outcome.access());
    return allowed ? Optional.empty() : Optional.of(RealtimeEndpoint.forbidden());
  }

  private Answer route(String method, String url, String apiVersion, String body) {
    String path = pathOf(url);
    return path.equals(LIST_PATH) ? list(url, apiVersion)
        : actions.answer(method, path, body, RunStatuses.isCurrentApi(apiVersion));
  }

  // api.v1.runs.ts: type-level read on runs or tasks; else, with a task filter, read on every
  // filtered task by id. createLoaderApiRoute validates the query before it authorizes, so a query
  // that does not parse goes on to its 400 whatever the scopes.
  private boolean mayList(Access access, String url) {
    if (ListRunsRequest.parse(QueryParams.ofUrl(url), clock.millis()).request().isEmpty()) {
      return true;
    }
    boolean broad = access.can("read", List.of(Access.Resource.of("runs"), Access.Resource.of("tasks")));
    List<String> tasks = QueryParams.ofUrl(url).get("filter[taskIdentifier]")
        .map(v -> List.of(v.split(","))).orElse(List.of());
    return broad || !tasks.isEmpty()
        && tasks.stream().allMatch(task -> access.can("read", List.of(Access.Resource.of("tasks", task))));
  }

  private static String pathOf(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
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
