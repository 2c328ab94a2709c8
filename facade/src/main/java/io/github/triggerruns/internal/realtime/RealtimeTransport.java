package io.github.triggerruns.internal.realtime;

import io.github.triggerruns.internal.http.RetryPolicy;
import io.reactivex.rxjava3.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * What every realtime subscription of one client shares: the HTTP client for long-polls, the base URL, the
 * scheduler whose threads run them, and the backoff after failures.
 *
 * <p>Long-polls run as blocking {@code execute()} calls on the scheduler's threads, not as OkHttp async
 * calls: OkHttp's dispatcher runs at most 5 async calls per host, so 5 held long-polls would queue every
 * other subscription and the client's own list calls behind them. A blocking call holds the one thread it
 * runs on and nothing else.
 */
public final class RealtimeTransport {
  /**
   * The server holds a live request about 20 s (plus up to 15% jitter) before answering up to date: a read
   * timeout below that would fail every quiet poll. Three times the hold leaves room for a slow network.
   */
  public static final Duration LIVE_READ_TIMEOUT = Duration.ofSeconds(60);
  /** The version of the Electric protocol the official SDK announces (and the server's headers follow). */
  static final String ELECTRIC_VERSION = "1.0.0-beta.1";

  final OkHttpClient http;
  final HttpUrl baseUrl;
  final Scheduler scheduler;
  final RetryPolicy backoff;

  /**
   * Derives the long-poll client from {@code client} (same connection pool, interceptors and
   * authentication) with a read timeout that fits the server's hold and no whole-call timeout.
   *
   * @param backoff the waits after a failed poll; its retry count bounds failures in a row
   */
  public RealtimeTransport(OkHttpClient client, HttpUrl baseUrl, Scheduler scheduler, RetryPolicy backoff) {
    this.http = client.newBuilder()
        .readTimeout(LIVE_READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(0, TimeUnit.MILLISECONDS)
        .build();
    this.baseUrl = baseUrl;
    this.scheduler = scheduler;
    this.backoff = backoff;
  }

  @Override
  public String toString() {
    return "RealtimeTransport{" + baseUrl + '}';
  }
}
