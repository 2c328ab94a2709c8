package io.github.triggerruns;

import io.github.triggerruns.internal.realtime.RunColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a public access token minted by {@link Auth#createPublicToken} may read or cancel, and until when.
 * Scopes are the official SDK's, flattened the way its {@code auth.createPublicToken} flattens them, in the
 * order the builder's methods are called: {@code read:runs:<id>}, {@code read:runs} (every run),
 * {@code read:tags:<tag>}, {@code read:batch:<id>}, {@code read:tasks:<id>}, and for cancelling
 * {@code write:runs:<id>}, {@code write:runs}, {@code write:tasks:<id>}. Immutable.
 *
 * <p>What the server lets a token do on the runs API: list runs ({@code read:runs}, or {@code read:tasks}
 * with a filter on those tasks), retrieve a run (read on the run, its task, one of its tags or its batch),
 * cancel a run (write on the run or its task), and every realtime subscription its read scopes cover.
 * Replaying and rescheduling need the secret key.
 *
 * <pre>{@code
 * String token = client.auth().createPublicToken(PublicTokenOptions.builder()
 *     .readRuns(runId)
 *     .expiresIn(Duration.ofMinutes(30))
 *     .build());
 * }</pre>
 */
public final class PublicTokenOptions {
  /** The SDK's default lifetime: 15 minutes. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);

  private final List<String> scopes;
  private final List<String> realtimeSkipColumns;
  private final @Nullable Duration expiresIn;
  private final @Nullable Instant expiresAt;

  private PublicTokenOptions(Builder b) {
    scopes = Collections.unmodifiableList(new ArrayList<>(b.scopes));
    realtimeSkipColumns = Collections.unmodifiableList(new ArrayList<>(b.realtimeSkipColumns));
    expiresIn = b.expiresIn;
    expiresAt = b.expiresAt;
  }

  /** A builder with no scope yet and the 15-minute expiry. */
  public static Builder builder() {
    return new Builder();
  }

  /** The scopes, in the order given. */
  public List<String> getScopes() {
    return scopes;
  }

  /** The columns every realtime feed read with the token leaves out (the token's {@code realtime.skipColumns}). */
  public List<String> getRealtimeSkipColumns() {
    return realtimeSkipColumns;
  }

  /** The lifetime from minting, unless {@link #getExpiresAt()} is set. */
  public Duration getExpiresIn() {
    return expiresIn == null ? DEFAULT_EXPIRY : expiresIn;
  }

  /** The moment the token expires, when set instead of a lifetime. */
  public @Nullable Instant getExpiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "PublicTokenOptions{scopes=" + scopes
        + (realtimeSkipColumns.isEmpty() ? "" : ", realtimeSkipColumns=" + realtimeSkipColumns) + ", expires="
        + (expiresAt != null ? expiresAt.toString() : getExpiresIn().toString()) + '}';
  }

  /** Configures {@link PublicTokenOptions}. */
  public static final class Builder {
    private final Set<String> scopes = new LinkedHashSet<>();
    private final Set<String> realtimeSkipColumns = new LinkedHashSet<>();
    private @Nullable Duration expiresIn;
    private @Nullable Instant expiresAt;

    private Builder() {}

    /** Read these runs ({@code read:runs:<id>}): subscribe to them, retrieve them. */
    public Builder readRuns(String... runIds) {
      return add("read:runs:", runIds);
    }

    /** Read every run of the environment ({@code read:runs}): list, subscribe to tags and batches. */
    public Builder readAllRuns() {
      scopes.add("read:runs");
      return this;
    }

    /** Read the runs carrying these tags ({@code read:tags:<tag>}). */
    public Builder readTags(String... tags) {
      return add("read:tags:", tags);
    }

    /** Read the runs of these batches ({@code read:batch:<id>}). */
    public Builder readBatches(String... batchIds) {
      return add("read:batch:", batchIds);
    }

    /** Read the runs of these tasks ({@code read:tasks:<id>}). */
    public Builder readTasks(String... taskIds) {
      return add("read:tasks:", taskIds);
    }

    /** Cancel these runs ({@code write:runs:<id>}). */
    public Builder writeRuns(String... runIds) {
      return add("write:runs:", runIds);
    }

    /** Cancel every run of the environment ({@code write:runs}). */
    public Builder writeAllRuns() {
      scopes.add("write:runs");
      return this;
    }

    /** Cancel the runs of these tasks ({@code write:tasks:<id>}). */
    public Builder writeTasks(String... taskIds) {
      return add("write:tasks:", taskIds);
    }

    /**
     * Columns every realtime feed read with this token leaves out, whatever the app asks (the SDK's
     * {@code realtime.skipColumns}): e.g. {@code payload} and {@code output}, to keep them from an app
     * that may follow the run but not see its data. The server then ignores the subscription's own
     * {@code skipColumns}.
     *
     * @throws InvalidRequestException for a column the realtime API does not have, or one it always sends
     */
    public Builder realtimeSkipColumns(String... columns) {
      for (String column : columns) {
        realtimeSkipColumns.add(RunColumns.checkedSkippable(column));
      }
      return this;
    }

    /** The token expires this long after it is minted (default 15 minutes). */
    public Builder expiresIn(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.getSeconds() < 1) {
        throw new InvalidRequestException("A token's lifetime must be at least 1 second, not " + lifetime + ".");
      }
      this.expiresIn = lifetime;
      this.expiresAt = null;
      return this;
    }

    /** The token expires at this moment (whole seconds). */
    public Builder expiresAt(Instant at) {
      this.expiresAt = Objects.requireNonNull(at, "at");
      this.expiresIn = null;
      return this;
    }

    /**
     * The options.
     *
     * @throws InvalidRequestException when no scope was given: such a token could read nothing
     */
    public PublicTokenOptions build() {
      if (scopes.isEmpty()) {
        throw new InvalidRequestException("A public access token needs at least one scope, e.g."
            + " PublicTokenOptions.builder().readRuns(\"run_1234\"): without one it can read nothing.");
      }
      return new PublicTokenOptions(this);
    }

    private Builder add(String prefix, String... ids) {
      for (String id : Arrays.asList(ids)) {
        if (id == null || id.trim().isEmpty()) {
          throw new InvalidRequestException("A scope id cannot be blank (" + prefix + "...).");
        }
        scopes.add(prefix + id);
      }
      return this;
    }
  }
}
