package io.github.triggerruns.internal.http;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Whether a request may be sent again after it may have reached the server, and whether an attempt did.
 *
 * <p>Repeatable: the HTTP methods that are idempotent (GET, HEAD, OPTIONS, PUT, DELETE), and the POST routes the
 * webapp makes safe to repeat: cancel (a finished run is answered unchanged), reschedule (sets the delay again),
 * triggers and batches (deduplicated on {@code x-trigger-request-idempotency-key}), minting a public token
 * (nothing is stored: a repeat only mints another token, as the SDK's retries do) and reading the claims a
 * token is signed with (a read sent as POST). Any other POST or PATCH,
 * replay above all (every request makes a new run, and the route ignores the idempotency key), is not: after an
 * attempt that may have reached the server it is retried only when the answer says it was not processed.
 *
 * <p>An attempt counts as sent once OkHttp has a connection for it: this class, as a network interceptor, marks
 * it then, so a refused connection, an unknown host or a failed TLS handshake are known to have sent nothing.
 */
public final class RepeatSafety implements Interceptor {
  private static final Pattern REPEATABLE_POSTS = Pattern.compile(
      "/api/v2/runs/[^/]+/cancel|/api/v1/runs/[^/]+/reschedule|/api/v1/tasks/[^/]+/trigger|/api/v2/tasks/batch"
          + "|/api/v3/batches|/api/v1/auth/public-tokens|/api/v1/auth/jwt/claims");

  /** Whether {@code request} may be sent again though an earlier attempt may have reached the server. */
  public static boolean isRepeatable(Request request) {
    switch (request.method()) {
      case "GET":
      case "HEAD":
      case "OPTIONS":
      case "PUT":
      case "DELETE":
        return true;
      default:
        return REPEATABLE_POSTS.matcher(request.url().encodedPath()).matches();
    }
  }

  /**
   * Whether an answer says the request was not processed, so even an unrepeatable one may be sent again: a
   * 429 (the rate limit is checked before any route runs) or {@code x-should-retry: true}.
   */
  static boolean notProcessed(Response response) {
    return response.code() == 429 || "true".equals(response.header("x-should-retry"));
  }

  /** {@code request} tagged to record whether it is sent; the flag starts false. */
  static Request tracked(Request request, AtomicBoolean sent) {
    return request.newBuilder().tag(Sent.class, new Sent(sent)).build();
  }

  @Override
  public Response intercept(Chain chain) throws java.io.IOException {
    Sent sent = chain.request().tag(Sent.class);
    if (sent != null) {
      sent.flag.set(true);
    }
    return chain.proceed(chain.request());
  }

  /** The tag carrying an attempt's flag. */
  private static final class Sent {
    final AtomicBoolean flag;

    Sent(AtomicBoolean flag) {
      this.flag = flag;
    }
  }
}
