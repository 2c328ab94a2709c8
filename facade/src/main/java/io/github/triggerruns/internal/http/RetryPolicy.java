package io.github.triggerruns.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether, and after how long, a failed attempt is retried. Retried: 408, 409, 429, 5xx, I/O errors
 * (connection failures, timeouts, bodies cut off); never 400/401/403/404. The server's
 * {@code x-should-retry} overrides the status. Waits grow exponentially with jitter (so clients that failed
 * together do not retry together), except on 429, which waits until the budget refills
 * ({@code x-ratelimit-reset} or {@code Retry-After}), and gives up at once when that is beyond the maximum
 * delay. A call that ran out of its callTimeout is not retried, and no wait may end past that deadline.
 */
public final class RetryPolicy {
  private static final Duration BASE_DELAY = Duration.ofMillis(500);
  private static final long RATE_LIMIT_JITTER_MILLIS = 1_000;

  private final int maxRetries;
  private final Duration maxDelay;
  private final Duration callTimeout;
  private final Clock clock;
  private final DoubleSupplier random;

  /**
   * A policy allowing {@code maxRetries} retries, none waiting longer than {@code maxDelay}, within the
   * {@code callTimeout} that OkHttp enforces on the same calls.
   */
  public RetryPolicy(int maxRetries, Duration maxDelay, Duration callTimeout, Clock clock, DoubleSupplier random) {
    this.maxRetries = maxRetries;
    this.maxDelay = maxDelay;
    this.callTimeout = callTimeout;
    this.clock = clock;
    this.random = random;
  }

  /** The wait before retrying after answer {@code response} to attempt {@code attempt} (0-based), or null. */
  public @Nullable Duration afterResponse(Response response, int attempt) {
    if (attempt >= maxRetries) {
      return null;
    }
    String shouldRetry = response.header("x-should-retry");
    if ("false".equals(shouldRetry)) {
      return null;
    }
    int code = response.code();
    if (code == 429) {
      Duration wait = rateLimitWait(response);
      if (wait != null) {
        return wait.compareTo(maxDelay) <= 0 ? wait : null;
      }
      return backoff(attempt);
    }
    boolean retryable = code == 408 || code == 409 || code >= 500 || "true".equals(shouldRetry);
    return retryable ? backoff(attempt) : null;
  }

  /** The wait before retrying after I/O error {@code e} on attempt {@code attempt} (0-based), or null. */
  public @Nullable Duration afterIoError(IOException e, int attempt) {
    if (attempt >= maxRetries || e instanceof SSLPeerUnverifiedException || ranOutOfTime(e)) {
      return null;
    }
    boolean interrupted = e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
        && Thread.currentThread().isInterrupted();
    return interrupted ? null : backoff(attempt);
  }

  /** The callTimeout: OkHttp's bound on a whole call, its attempts, the waits between them and its body. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * When a call starting now runs out of its callTimeout, in {@link #millisUntil} terms. OkHttp's timer
   * started with the call, a moment before its interceptors run; the deadline is counted from the same
   * configured timeout on the clock the waits are measured by, rather than read from OkHttp's timer, so one
   * fake clock moves both the waits and the deadline in tests.
   */
  public long deadline() {
    return clock.millis() + callTimeout.toMillis();
  }

  /** The milliseconds from now until {@code deadline}. */
  public long millisUntil(long deadline) {
    return deadline - clock.millis();
  }

  /**
   * What a call that ran out of its callTimeout fails with: OkHttp's own exception when its timer cancels
   * the call ({@code RealCall.timeoutExit}), and so also what a wait that would outlive the deadline raises.
   */
  public static InterruptedIOException timedOut() {
    return new InterruptedIOException("timeout");
  }

  /**
   * Whether {@code failure}, or what it wraps (a body cut off while decoding), is {@link #timedOut}. Only
   * the call's timeout is exactly an {@code InterruptedIOException}: a socket's is a
   * {@link SocketTimeoutException}, an interrupt's message is not "timeout".
   */
  public static boolean ranOutOfTime(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e.getClass() == InterruptedIOException.class && "timeout".equals(e.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /** Exponential backoff with "equal jitter": between half and all of base x 2^attempt, capped. */
  Duration backoff(int attempt) {
    long ceiling = Math.min(maxDelay.toMillis(), BASE_DELAY.toMillis() << Math.min(attempt, 20));
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
  }

  private @Nullable Duration rateLimitWait(Response response) {
    Long resetMillis = parseLong(response.header("x-ratelimit-reset"));
    if (resetMillis != null) {
      long jitter = (long) (random.getAsDouble() * RATE_LIMIT_JITTER_MILLIS);
      return Duration.ofMillis(Math.max(0, resetMillis - clock.millis()) + jitter);
    }
    String retryAfter = response.header("Retry-After");
    if (retryAfter == null) {
      return null;
    }
    Long seconds = parseLong(retryAfter);
    if (seconds != null) {
      return Duration.ofSeconds(Math.max(0, seconds));
    }
    Date date = response.headers().getDate("Retry-After");
    return date == null ? null : Duration.ofMillis(Math.max(0, date.getTime() - clock.millis()));
  }

  /** A header's integer value, or null when absent or not an integer. */
  public static @Nullable Long parseLong(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
