package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.Fault;
import io.github.triggerruns.testkit.FaultPlan;
import io.github.triggerruns.testkit.RateLimit;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The answer that replaces the normal one when a fault is injected. Faults that damage the normal
 * answer in transit (truncated, malformed, slow) start from it, computed without taking a
 * rate-limit token, so no fault changes what the next request sees.
 */
final class FaultAnswers {
  private static final String HTML = "text/html; charset=utf-8";

  private FaultAnswers() {}

  /**
   * The answer for {@code fault} ({@link Fault#LATENCY} is not a replacement and is not handled
   * here).
   */
  static Answer answer(
      Fault fault, FaultPlan plan, Supplier<Answer> normal, RateLimit rateLimit, long nowMs) {
    switch (fault) {
      case HTTP_500:
        JsonObject error = new JsonObject();
        error.addProperty("error", "Internal Server Error");
        return Answer.json(500, error);
      case HTTP_502:
        return Answer.of(502, HTML, html("502 Bad Gateway"));
      case HTTP_503:
        return Answer.of(503, HTML, html("503 Service Unavailable"));
      case HTTP_429:
        int limit = rateLimit.isUnlimited() ? RateLimit.live().burst() : rateLimit.burst();
        long period =
            (rateLimit.isUnlimited() ? RateLimit.live() : rateLimit).refillPeriod().toMillis();
        return Problems.tooManyRequests(limit, -1, nowMs + period, nowMs);
      case CONNECTION_RESET:
        return Answer.broken(Answer.Delivery.RESET);
      case EMPTY_RESPONSE:
        return Answer.broken(Answer.Delivery.EMPTY);
      case TRUNCATED_BODY:
        return normal.get().deliveredAs(Answer.Delivery.TRUNCATED, 0);
      case MALFORMED_JSON:
        Answer answer = normal.get();
        String text = answer.bodyText();
        // Any proper prefix of a JSON document is broken JSON; half of it is unmistakably so.
        String broken = text.substring(0, text.length() / 2);
        return answer.withBody(broken.getBytes(StandardCharsets.UTF_8));
      case SLOW_RESPONSE:
        return normal.get()
            .deliveredAs(Answer.Delivery.STALLED, plan.slowResponseDelay().toMillis());
      default:
        throw new IllegalArgumentException("not a replacing fault: " + fault);
    }
  }

  // What a load balancer in front of the API sends: HTML, not JSON.
  private static String html(String title) {
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n</body>\r\n</html>\r\n";
  }
}
