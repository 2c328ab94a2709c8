package io.github.triggerruns;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Runs#watch(RunFilter, WatchOptions)} polls: how often, which runs the first poll reads, when to
 * stop, and how many failures in a row to tolerate. Immutable; validated when built.
 *
 * <pre>{@code
 * WatchOptions options = WatchOptions.builder()
 *     .pollInterval(Duration.ofSeconds(2))
 *     .lookback(Duration.ofMinutes(10))
 *     .stopWhenAllFinished(true)
 *     .build();
 * }</pre>
 *
 * <h2>The watch window</h2>
 * A watch lists runs created since the start of its window: {@link Builder#since(Instant)}, or
 * {@link Builder#lookback(Duration)} before the moment of subscription (default: 1 hour). The window is
 * always sent explicitly as {@code filter[createdAt][from]}, so the server's hidden 7-day window never
 * applies. When the {@link RunFilter} given to {@code watch} sets its own createdFrom, createdTo or period,
 * that filter's window is used as it is, and lookback/since must be left unset.
 */
public final class WatchOptions {
  /** The shortest poll interval accepted: each poll spends requests from the environment's rate limit. */
  public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
  /** The default poll interval: 2 seconds. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  /** The default window of the first poll: runs created in the hour before subscription. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
  /** The default number of failed polls in a row that ends a watch. */
  public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 5;

  private static final WatchOptions DEFAULTS = builder().build();

  private final Duration pollInterval;
  private final boolean stopWhenAllFinished;
  private final @Nullable Duration lookback;
  private final @Nullable Instant since;
  private final int maxConsecutiveFailures;

  private WatchOptions(Builder b) {
    pollInterval = b.pollInterval;
    stopWhenAllFinished = b.stopWhenAllFinished;
    lookback = b.lookback;
    since = b.since;
    maxConsecutiveFailures = b.maxConsecutiveFailures;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to build changed copies from. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Every default: poll every 2 s, look back 1 hour, never stop by itself, give up after 5 failures. */
  public static WatchOptions defaults() {
    return DEFAULTS;
  }

  /** The time between the end of one poll and the start of the next. */
  public Duration getPollInterval() {
    return pollInterval;
  }

  /** Whether the watch completes once every run it has seen has finished. */
  public boolean isStopWhenAllFinished() {
    return stopWhenAllFinished;
  }

  /**
   * The lookback set with {@link Builder#lookback(Duration)}, or null when unset (then, unless
   * {@link #getSince()} is set, the watch looks back {@link #DEFAULT_LOOKBACK}).
   */
  public @Nullable Duration getLookback() {
    return lookback;
  }

  /** The window start set with {@link Builder#since(Instant)}, or null when unset. */
  public @Nullable Instant getSince() {
    return since;
  }

  /** How many failed polls in a row end the watch with the last failure. */
  public int getMaxConsecutiveFailures() {
    return maxConsecutiveFailures;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WatchOptions)) {
      return false;
    }
    WatchOptions that = (WatchOptions) o;
    return pollInterval.equals(that.pollInterval) && stopWhenAllFinished == that.stopWhenAllFinished
        && Objects.equals(lookback, that.lookback) && Objects.equals(since, that.since)
        && maxConsecutiveFailures == that.maxConsecutiveFailures;
  }

  @Override
  public int hashCode() {
    return Objects.hash(pollInterval, stopWhenAllFinished, lookback, since, maxConsecutiveFailures);
  }

  @Override
  public String toString() {
    return "WatchOptions{pollInterval=" + pollInterval + ", stopWhenAllFinished=" + stopWhenAllFinished
        + (since != null ? ", since=" + since : ", lookback=" + (lookback == null ? DEFAULT_LOOKBACK + " (default)"
        : lookback)) + ", maxConsecutiveFailures=" + maxConsecutiveFailures + '}';
  }

  /** Builds {@link WatchOptions}; every setting has a default. */
  public static final class Builder {
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private boolean stopWhenAllFinished;
    private @Nullable Duration lookback;
    private @Nullable Instant since;
    private int maxConsecutiveFailures = DEFAULT_MAX_CONSECUTIVE_FAILURES;

    private Builder() {}

    private Builder(WatchOptions options) {
      pollInterval = options.pollInterval;
      stopWhenAllFinished = options.stopWhenAllFinished;
      lookback = options.lookback;
      since = options.since;
      maxConsecutiveFailures = options.maxConsecutiveFailures;
    }

    /**
     * The time between the end of one poll and the start of the next (default 2 s, at least 100 ms). A
     * poll is one request in the steady state, a few when many runs are in flight; polls never overlap.
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
      return this;
    }

    /**
     * Complete the watch once at least one run has been seen, every run seen has finished, and a poll
     * found no new run (default false: watch until disposed). It never completes before a run is seen, so
     * a watch started before its runs are triggered waits for them. A run that stops matching the filter
     * (with a status filter, say) no longer counts as going: it is not waited for. Filter by batch, tag or
     * task rather than by status to follow runs to their end.
     */
    public Builder stopWhenAllFinished(boolean stopWhenAllFinished) {
      this.stopWhenAllFinished = stopWhenAllFinished;
      return this;
    }

    /**
     * Watch runs created at most this long before subscription (default 1 hour); the first poll reads the
     * whole window and reports each run in it as CREATED. Cannot be combined with {@link #since(Instant)}.
     */
    public Builder lookback(Duration lookback) {
      this.lookback = Objects.requireNonNull(lookback, "lookback");
      return this;
    }

    /**
     * Watch runs created at or after {@code since}; the first poll reads the whole window and reports each
     * run in it as CREATED. Cannot be combined with {@link #lookback(Duration)}.
     */
    public Builder since(Instant since) {
      this.since = Objects.requireNonNull(since, "since");
      return this;
    }

    /**
     * How many failed polls in a row end the watch (default 5, at least 1). Only connection failures, 5xx
     * and 429 answers count (each already retried by the HTTP layer); other errors end the watch at once.
     */
    public Builder maxConsecutiveFailures(int maxConsecutiveFailures) {
      this.maxConsecutiveFailures = maxConsecutiveFailures;
      return this;
    }

    /**
     * The options.
     *
     * @throws InvalidRequestException when a value is out of range; the message says what to change
     */
    public WatchOptions build() {
      if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
        throw new InvalidRequestException("pollInterval " + pollInterval + " is too short: use at least "
            + MIN_POLL_INTERVAL.toMillis() + " ms (every poll spends requests from the environment's rate"
            + " limit, about 1,500 a minute); the default is " + DEFAULT_POLL_INTERVAL.getSeconds() + " s.");
      }
      if (lookback != null && (lookback.isNegative() || lookback.isZero())) {
        throw new InvalidRequestException("lookback " + lookback + " must be positive, e.g."
            + " Duration.ofMinutes(10); to watch only runs created from now on, use since(Instant.now()).");
      }
      if (lookback != null && since != null) {
        throw new InvalidRequestException("Set either lookback(" + lookback + ") or since(" + since + "),"
            + " not both: both say where the watch window starts.");
      }
      if (maxConsecutiveFailures < 1) {
        throw new InvalidRequestException("maxConsecutiveFailures must be 1 or more, not "
            + maxConsecutiveFailures + " (1 ends the watch at the first failed poll; the default is "
            + DEFAULT_MAX_CONSECUTIVE_FAILURES + ").");
      }
      return new WatchOptions(this);
    }
  }
}
