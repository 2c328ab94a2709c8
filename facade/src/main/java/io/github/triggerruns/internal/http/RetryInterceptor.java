package io.github.triggerruns.internal.http;

import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Runs a call's attempts: waits for the rate-limit budget, sends, and retries as {@link RetryPolicy}
 * decides. A successful body is read completely here, so a body cut off mid-way is an I/O error this loop
 * retries (the official SDK gives up on it) rather than a decoding error later; a page is at most a few
 * hundred kilobytes. Whatever the last attempt gave is passed on: an answer, or its I/O error.
 */
public final class RetryInterceptor implements Interceptor {
  private final RetryPolicy policy;
  private final RateLimitGate gate;
  private final Sleeper sleeper;

  /** Retries by {@code policy}, pacing through {@code gate}, waiting with {@code sleeper}. */
  public RetryInterceptor(RetryPolicy policy, RateLimitGate gate, Sleeper sleeper) {
    this.policy = policy;
    this.gate = gate;
    this.sleeper = sleeper;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    for (int attempt = 0; ; attempt++) {
      gate.awaitBudget();
      Duration wait;
      try {
        Response response = chain.proceed(request);
        gate.record(response.headers());
        Response buffered = buffered(response);
        if (buffered.isSuccessful()) {
          return buffered;
        }
        wait = policy.afterResponse(buffered, attempt);
        if (wait == null) {
          return buffered;
        }
      } catch (IOException e) {
        wait = chain.call().isCanceled() ? null : policy.afterIoError(e, attempt);
        if (wait == null) {
          throw e;
        }
      }
      sleeper.sleep(wait);
    }
  }

  private static Response buffered(Response response) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return response;
    }
    Buffer buffer = new Buffer();
    try (BufferedSource source = body.source()) {
      source.readAll(buffer);
    }
    long expected = body.contentLength();
    if (expected >= 0 && buffer.size() != expected) {
      throw new java.net.ProtocolException("Body ended after " + buffer.size() + " of " + expected + " bytes");
    }
    return response.newBuilder().body(ResponseBody.create(buffer, body.contentType(), buffer.size())).build();
  }
}
