package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultCounts;
import io.github.triggerruns.testkit.FaultPlan;
import java.time.Clock;
import io.github.triggerruns.testkit.internal.realtime.Access;
import io.github.triggerruns.testkit.internal.realtime.Authenticator;
import io.github.triggerruns.testkit.internal.realtime.JwtAuthenticator;
import io.github.triggerruns.testkit.internal.realtime.RealtimeEndpoint;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/runs}, in the order the live server handles it: the rate limiter first (a
 * missing Authorization header is refused there, every other request takes a token from the bucket
 * of its header value), then the route's authentication, then query validation, then the page.
 * Injected faults come before all of that, as if they happened between client and server.
 *
 * <p>Thread-safe: WireMock calls {@link #handle} from many request threads.
 */
public final class RunsEndpoint {
  // A live secret key: tr_dev_..., tr_prod_..., tr_stg_..., tr_preview_... (any tr_ prefix here).
  private static final Pattern WELL_FORMED_KEY = Pattern.compile("tr_[A-Za-z0-9_-]+");

  private final Pager pager;
  private final TokenBuckets buckets;
  private final Clock clock;
  private final String secretKey;
  private final AtomicInteger requests = new AtomicInteger();
  private final FaultCounter faultCounter = new FaultCounter();
  private volatile InstalledPlan plan;
  private volatile Authenticator tokens;

  /** An endpoint serving {@code pager}'s pages to holders of {@code secretKey}. */
  public RunsEndpoint(
      Pager pager, TokenBuckets buckets, Clock clock, String secretKey, FaultPlan plan) {
    this.pager = pager;
    this.buckets = buckets;
    this.clock = clock;
    this.secretKey = secretKey;
    this.plan = new InstalledPlan(plan);
  }

  /** Answers one request. Header arguments are null when the header is absent. */
  public Answer handle(String url, String authorization, String apiVersion) {
    requests.incrementAndGet();
    InstalledPlan installed = plan;
    int number = installed.requests.incrementAndGet();
    FaultPlan faults = installed.plan;
    long delayMs = faults.latencyFor(number).toMillis();
    Optional<Fault> fault = faults.faultFor(number);
    fault.ifPresent(faultCounter::record);

    Answer answer;
    if (fault.isEmpty() || fault.get() == Fault.LATENCY) {
      answer = respond(url, authorization, apiVersion, true);
      if (fault.isPresent()) {
        delayMs += faults.latencyFaultDelay().toMillis();
      }
    } else {
      answer =
          FaultAnswers.answer(
              fault.get(),
              faults,
              () -> respond(url, authorization, apiVersion, false),
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

  private Answer respond(String url, String authorization, String apiVersion, boolean consume) {
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
      return tokenList(tokens.authenticate(authorization), url, apiVersion).withHeaders(rateLimitHeaders);
    }
    return authenticated(authorization)
        .orElseGet(() -> list(url, apiVersion))
        .withHeaders(rateLimitHeaders);
  }

  // Empty when the key is the server's; otherwise the 401 or 403 answer.
  private Optional<Answer> authenticated(String authorization) {
    String value = authorization.strip();
    String token =
        value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
            ? value.substring(7).strip()
            : null;
    if (token != null && token.equals(secretKey)) {
      return Optional.empty();
    }
    if (token != null && WELL_FORMED_KEY.matcher(token).matches()) {
      JsonObject body = new JsonObject();
      body.addProperty("error", "Unauthorized");
      body.addProperty("code", "unauthorized");
      body.addProperty("param", "access_token");
      body.addProperty("type", "authorization");
      return Optional.of(Answer.json(403, body));
    }
    JsonObject body = new JsonObject();
    body.addProperty("error", "Invalid or Missing API key");
    return Optional.of(Answer.json(401, body));
  }

  // api.v1.runs.ts: type-level runs or tasks, else (with a task filter) every filtered task by id.
  private Answer tokenList(Authenticator.Outcome outcome, String url, String apiVersion) {
    if (outcome.refusal() != null) {
      return outcome.refusal();
    }
    Access access = outcome.access();
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
