package io.github.triggerruns.internal.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs a call's attempts until an answer arrives: waits for the rate-limit budget, sends, and retries as
 * {@link RetryPolicy} decides, and only as far as {@link RepeatSafety} allows: a request the server does not
 * deduplicate (a replay) is sent again only when it surely was not processed. A successful body is passed on
 * unread, so decoding overlaps its transfer; a body cut off while being decoded is re-fetched one level up, by
 * {@link io.github.triggerruns.internal.paging.PageFetcher}, under the same policy. Whatever the last attempt
 * gave is passed on: an answer, or its I/O error.
 *
 * <p>Every wait between attempts happens here, and ends by the call's deadline: OkHttp's callTimeout
 * cancels the call then, so a wait that would end later is not started and the call fails at once with the
 * timeout. A cancel ends a wait too: disposing an Rx call interrupts the waiting thread, and after a wait
 * nothing more is sent if the call was cancelled meanwhile.
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
    boolean repeatable = RepeatSafety.isRepeatable(request);
    // OkHttp started the call's timer just before its interceptors ran.
    long deadline = policy.deadline();
    for (int attempt = 0; ; attempt++) {
      await(chain, gate.budgetWait(), deadline);
      AtomicBoolean sent = new AtomicBoolean(repeatable);
      Duration wait;
      try {
        Response response = chain.proceed(repeatable ? request : RepeatSafety.tracked(request, sent));
        gate.record(response.headers());
        if (response.isSuccessful()) {
          return response;
        }
        wait = repeatable || RepeatSafety.notProcessed(response) ? policy.afterResponse(response, attempt) : null;
        if (wait == null) {
          return response;
        }
        response.close();
      } catch (IOException e) {
        // An unrepeatable request is retried only when it never left: no connection was made for it.
        wait = chain.call().isCanceled() || sent.get() && !repeatable ? null : policy.afterIoError(e, attempt);
        if (wait == null) {
          throw e;
        }
      }
      await(chain, wait, deadline);
    }
  }

  private void await(Chain chain, Duration wait, long deadline) throws IOException {
    if (!wait.isZero()) {
      if (wait.toMillis() >= policy.millisUntil(deadline)) {
        throw RetryPolicy.timedOut();
      }
      sleeper.sleep(wait);
    }
    if (chain.call().isCanceled()) {
      throw new IOException("Canceled");
    }
  }
}
