package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers the live rate-limit middleware writes itself (before any route runs), as
 * pretty-printed {@code application/problem+json}, and its {@code x-ratelimit-*} headers.
 */
final class Problems {
  private Problems() {}

  /** 401 for a request without an Authorization header. */
  static Answer missingAuthorization() {
    JsonObject body = new JsonObject();
    body.addProperty("title", "Unauthorized");
    body.addProperty("status", 401);
    body.addProperty("type", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/401");
    body.addProperty("detail", "No authorization header provided");
    body.addProperty("error", "No authorization header provided");
    return Answer.problem(401, body);
  }

  /**
   * 429 once the limiter refuses; {@code remaining} is the limiter's raw count (a token bucket's -1,
   * a fixed window's 0), which the body shows as is and the message and header clamp at 0.
   */
  static Answer tooManyRequests(RateLimitDecision refused) {
    return tooManyRequests(refused.limit(), refused.remaining(), refused.resetMs(), refused.nowMs());
  }

  /** {@link #tooManyRequests(RateLimitDecision)} from its parts. */
  static Answer tooManyRequests(int limit, long remaining, long resetMs, long nowMs) {
    double secondsUntilReset = Math.max(0, (resetMs - nowMs) / 1000.0);
    String seconds = Json.number(secondsUntilReset).getAsString();
    String message = "Rate limit exceeded " + Math.max(0, remaining) + "/" + limit
        + " requests remaining. Retry in " + seconds + " seconds.";
    JsonObject body = new JsonObject();
    body.addProperty("title", "Rate Limit Exceeded");
    body.addProperty("status", 429);
    body.addProperty("type", "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/429");
    body.addProperty("detail", message);
    body.addProperty("reset", resetMs);
    body.addProperty("limit", limit);
    body.addProperty("remaining", remaining);
    body.add("secondsUntilReset", Json.number(secondsUntilReset));
    body.addProperty("error", message);
    return Answer.problem(429, body).withHeaders(headers(limit, remaining, resetMs));
  }

  /** The headers every rate-limited answer carries ({@code remaining} clamped at 0, as live). */
  static Map<String, String> headers(int limit, long remaining, long resetMs) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-ratelimit-limit", Integer.toString(limit));
    h.put("x-ratelimit-remaining", Long.toString(Math.max(0, remaining)));
    h.put("x-ratelimit-reset", Long.toString(resetMs));
    return h;
  }
}
