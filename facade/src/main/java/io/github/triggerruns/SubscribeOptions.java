package io.github.triggerruns;

import io.github.triggerruns.internal.realtime.RunColumns;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a realtime subscription ({@link Runs#subscribeToRun}, {@link Runs#subscribeToRunsWithTag},
 * {@link Runs#subscribeToBatch}) behaves. Immutable; validated when built.
 *
 * <pre>{@code
 * SubscribeOptions options = SubscribeOptions.builder()
 *     .skipColumns("payload", "output")
 *     .createdWithin(Duration.ofHours(2))
 *     .build();
 * }</pre>
 */
public final class SubscribeOptions {
  /** The longest {@link Builder#createdWithin} window the server honours: one day. */
  public static final Duration MAX_CREATED_WITHIN = Duration.ofDays(1);
  /** The server's window for tag subscriptions when none is given: 24 hours. */
  public static final Duration DEFAULT_CREATED_WITHIN = Duration.ofHours(24);

  private static final SubscribeOptions DEFAULTS = builder().build();

  private final @Nullable Boolean stopWhenFinished;
  private final Set<String> skipColumns;
  private final @Nullable Duration createdWithin;

  private SubscribeOptions(Builder b) {
    stopWhenFinished = b.stopWhenFinished;
    skipColumns = Collections.unmodifiableSet(new LinkedHashSet<>(b.skipColumns));
    createdWithin = b.createdWithin;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every default: a single run's subscription stops when it finishes, others never; all columns. */
  public static SubscribeOptions defaults() {
    return DEFAULTS;
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.stopWhenFinished = stopWhenFinished;
    b.skipColumns.addAll(skipColumns);
    b.createdWithin = createdWithin;
    return b;
  }

  /** Whether to complete once the run finishes; null: the default of the call (see the builder). */
  public @Nullable Boolean getStopWhenFinished() {
    return stopWhenFinished;
  }

  /** The columns the server is asked to leave out. */
  public Set<String> getSkipColumns() {
    return skipColumns;
  }

  /** The creation window of a tag subscription; null: the server's 24 hours. */
  public @Nullable Duration getCreatedWithin() {
    return createdWithin;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SubscribeOptions)) {
      return false;
    }
    SubscribeOptions other = (SubscribeOptions) o;
    return Objects.equals(stopWhenFinished, other.stopWhenFinished) && skipColumns.equals(other.skipColumns)
        && Objects.equals(createdWithin, other.createdWithin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stopWhenFinished, skipColumns, createdWithin);
  }

  @Override
  public String toString() {
    return "SubscribeOptions{stopWhenFinished=" + stopWhenFinished + ", skipColumns=" + skipColumns
        + ", createdWithin=" + createdWithin + '}';
  }

  /** Configures {@link SubscribeOptions}. */
  public static final class Builder {
    private @Nullable Boolean stopWhenFinished;
    private final Set<String> skipColumns = new LinkedHashSet<>();
    private @Nullable Duration createdWithin;

    private Builder() {}

    /**
     * Whether the stream completes after emitting a finished run (one with a finish time). Default: true
     * for {@link Runs#subscribeToRun} (as the official SDK's {@code closeOnComplete}); tag and batch
     * subscriptions never complete by themselves, and setting this true for them is refused.
     */
    public Builder stopWhenFinished(boolean stop) {
      this.stopWhenFinished = stop;
      return this;
    }

    /**
     * Columns the server leaves out of every row, to save bandwidth, e.g. {@code payload} and
     * {@code output}. The server always sends id, friendlyId, taskIdentifier, status and createdAt.
     *
     * @throws InvalidRequestException for a column the realtime API does not have, or one it always sends
     */
    public Builder skipColumns(String... columns) {
      return skipColumns(Arrays.asList(columns));
    }

    /** Like {@link #skipColumns(String...)}; adds to the columns given before. */
    public Builder skipColumns(Collection<String> columns) {
      for (String column : columns) {
        skipColumns.add(RunColumns.checkedSkippable(column));
      }
      return this;
    }

    /**
     * Only for {@link Runs#subscribeToRunsWithTag}: the runs created within this long before
     * subscription (default 24 hours). The server pins the window when the subscription starts and allows
     * at most one day.
     *
     * @throws InvalidRequestException when not between 1 second and 1 day
     */
    public Builder createdWithin(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(MAX_CREATED_WITHIN) > 0) {
        throw new InvalidRequestException("createdWithin must be between 1 second and 1 day (the most the"
            + " realtime API allows), not " + window + ".");
      }
      this.createdWithin = window;
      return this;
    }

    /** The options. */
    public SubscribeOptions build() {
      return new SubscribeOptions(this);
    }
  }
}
