package io.github.triggerruns.internal.http;

import io.github.triggerruns.internal.TriggerRunsVersion;
import java.io.IOException;
import java.util.UUID;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import retrofit2.Invocation;

/**
 * Adds the headers every call carries: the bearer key, the API version that makes the server use today's
 * status names, a User-Agent naming this library, and one idempotency key per logical call: the key a
 * {@link LogicalCall} argument carries, so every attempt of the call sends the same one.
 */
public final class RequestHeadersInterceptor implements Interceptor {
  /** The API version whose response shapes this client decodes. */
  public static final String API_VERSION = "2025-07-16";
  /** The User-Agent this client sends. */
  public static final String USER_AGENT = "trigger-runs-java/" + TriggerRunsVersion.VERSION;

  private final BearerCredential credential;

  /** Sends {@code credential}'s current value as the bearer token. */
  public RequestHeadersInterceptor(BearerCredential credential) {
    this.credential = credential;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    return chain.proceed(request.newBuilder()
        .header("Authorization", "Bearer " + credential.current())
        .header("x-trigger-api-version", API_VERSION)
        .header("User-Agent", USER_AGENT)
        .header("x-trigger-request-idempotency-key", idempotencyKey(request))
        .build());
  }

  private static String idempotencyKey(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    if (invocation != null) {
      for (Object argument : invocation.arguments()) {
        if (argument instanceof LogicalCall) {
          return ((LogicalCall) argument).idempotencyKey();
        }
      }
    }
    return UUID.randomUUID().toString();
  }

  @Override
  public String toString() {
    return "RequestHeadersInterceptor{" + credential + "}";
  }
}
