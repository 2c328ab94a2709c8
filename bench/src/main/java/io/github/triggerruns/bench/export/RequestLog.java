package io.github.triggerruns.bench.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * An OkHttp network interceptor (so it sees every attempt, retries included) that records when each request
 * went out and the {@code x-ratelimit-*} headers of its answer, and how long no request at all was in flight.
 */
final class RequestLog implements Interceptor {
  /** One attempt: sent at {@code sentMillis} (wall clock), answered with these headers (-1 when absent). */
  static final class Attempt {
    final long sentMillis;
    final long remaining;
    final long resetMillis;

    Attempt(long sentMillis, long remaining, long resetMillis) {
      this.sentMillis = sentMillis;
      this.remaining = remaining;
      this.resetMillis = resetMillis;
    }
  }

  private final List<Attempt> attempts = new ArrayList<>();
  private int inFlight;
  private long idleSinceNanos = -1;
  private long idleNanos;
  private long firstNanos = -1;
  private long lastNanos;

  @Override
  public Response intercept(Chain chain) throws IOException {
    long sent = System.currentTimeMillis();
    started();
    Response response = null;
    try {
      response = chain.proceed(chain.request());
      return response;
    } finally {
      ended();
      synchronized (this) {
        attempts.add(new Attempt(sent, header(response, "x-ratelimit-remaining"), header(response, "x-ratelimit-reset")));
      }
    }
  }

  private synchronized void started() {
    long now = System.nanoTime();
    if (firstNanos < 0) {
      firstNanos = now;
    }
    if (inFlight++ == 0 && idleSinceNanos >= 0) {
      idleNanos += now - idleSinceNanos;
    }
  }

  private synchronized void ended() {
    long now = System.nanoTime();
    lastNanos = now;
    if (--inFlight == 0) {
      idleSinceNanos = now;
    }
  }

  private static long header(Response response, String name) {
    String value = response == null ? null : response.header(name);
    return value == null ? -1 : Long.parseLong(value.trim());
  }

  synchronized int attempts() {
    return attempts.size();
  }

  /** The share of the time from the first request to the last answer when none was in flight. */
  synchronized double idleShare() {
    return lastNanos <= firstNanos ? 0 : (double) idleNanos / (lastNanos - firstNanos);
  }

  synchronized long lowestRemaining() {
    long lowest = Long.MAX_VALUE;
    for (Attempt a : attempts) {
      if (a.remaining >= 0) {
        lowest = Math.min(lowest, a.remaining);
      }
    }
    return lowest;
  }

  /**
   * Steady state, once the burst is spent (an answer reports {@code remaining <= reserveLine}): the requests
   * sent between the first and the last refill after that, per token those refills granted. Returns
   * {@code {requests, refill periods}}, or null when the export ended before two refills.
   */
  synchronized long[] steadyState(long reserveLine) {
    long spentAt = -1;
    for (Attempt a : attempts) {
      if (a.remaining >= 0 && a.remaining <= reserveLine && (spentAt < 0 || a.sentMillis < spentAt)) {
        spentAt = a.sentMillis;
      }
    }
    if (spentAt < 0) {
      return null;
    }
    long lastSent = 0;
    TreeSet<Long> resets = new TreeSet<>();
    for (Attempt a : attempts) {
      lastSent = Math.max(lastSent, a.sentMillis);
      if (a.resetMillis > spentAt) {
        resets.add(a.resetMillis);
      }
    }
    long end = lastSent;
    resets.removeIf(r -> r > end);
    if (resets.size() < 2) {
      return null;
    }
    long from = resets.first();
    long to = resets.last();
    long requests = 0;
    for (Attempt a : attempts) {
      if (a.sentMillis >= from && a.sentMillis < to) {
        requests++;
      }
    }
    return new long[] {requests, resets.size() - 1};
  }
}
