package io.github.triggerruns.testkit;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.internal.RunStatuses;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One run as the fake server stores it: every field of a live {@code GET /api/v1/runs} item, plus
 * the fields the live server filters on but does not return ({@link #queue()}, {@link #machine()},
 * {@link #batch()}, {@link #schedule()}, {@link #bulkAction()}). Immutable; change a copy through
 * {@link #toBuilder()}.
 *
 * <p>{@link #status()} is the raw stored name: one of the 13 current names, one of the 4 legacy-only
 * names (WAITING_FOR_DEPLOY, REATTEMPTING, FROZEN, INTERRUPTED), or anything else to test how a
 * client copes with a status it does not know. {@link #apiStatus()} and {@link #legacyStatus()} give
 * the name each kind of client sees. The {@code is...} booleans of the live item are derived from
 * that name when the run is rendered, so they cannot disagree with it.
 *
 * <p>Timestamps are kept to the millisecond, as the API shows them.
 */
public final class FakeRun {
  private static final Gson GSON = new Gson();

  private final String id;
  private final String status;
  private final String taskIdentifier;
  private final @Nullable String version;
  private final @Nullable String envId;
  private final @Nullable String envName;
  private final @Nullable String envUser;
  private final @Nullable String idempotencyKey;
  private final boolean isTest;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final @Nullable Instant startedAt;
  private final @Nullable Instant finishedAt;
  private final @Nullable Instant delayedUntil;
  private final @Nullable Instant expiredAt;
  private final @Nullable String ttl;
  private final List<String> tags;
  private final double costInCents;
  private final double baseCostInCents;
  private final long durationMs;
  private final @Nullable JsonObject metadata;
  private final @Nullable String taskKind;
  private final @Nullable String region;
  private final int depth;
  private final String queue;
  private final @Nullable String machine;
  private final @Nullable String batch;
  private final @Nullable String schedule;
  private final @Nullable String bulkAction;

  private FakeRun(Builder b) {
    this.id = require(b.id, "id");
    this.status = require(b.status, "status");
    this.taskIdentifier = require(b.taskIdentifier, "taskIdentifier");
    this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
    this.version = b.version;
    this.envId = b.envId;
    this.envName = b.envName;
    this.envUser = b.envUser;
    this.idempotencyKey = b.idempotencyKey;
    this.isTest = b.isTest;
    this.updatedAt = b.updatedAt == null ? b.createdAt : b.updatedAt;
    this.startedAt = b.startedAt;
    this.finishedAt = b.finishedAt;
    this.delayedUntil = b.delayedUntil;
    this.expiredAt = b.expiredAt;
    this.ttl = b.ttl;
    this.tags = Collections.unmodifiableList(new ArrayList<>(b.tags));
    this.costInCents = b.costInCents;
    this.baseCostInCents = b.baseCostInCents;
    this.durationMs = b.durationMs;
    this.metadata = b.metadata == null ? null : b.metadata.deepCopy();
    this.taskKind = b.taskKind;
    this.region = b.region;
    this.depth = b.depth;
    // The live SDK sends a task's own queue as "task/<id>", so that is what an unset queue means.
    this.queue = b.queue == null ? "task/" + b.taskIdentifier : b.queue;
    this.machine = b.machine;
    this.batch = b.batch;
    this.schedule = b.schedule;
    this.bulkAction = b.bulkAction;
  }

  /** A builder with no fields set; id, status, taskIdentifier and createdAt are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this run's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The run id, e.g. {@code run_1a2b3c4d5e6f7g8h9i0j}. */
  public String id() {
    return id;
  }

  /** The stored status name (see the class comment). */
  public String status() {
    return status;
  }

  /** The status a client sending {@code x-trigger-api-version: 2025-07-16} sees. */
  public String apiStatus() {
    return RunStatuses.render(status, true);
  }

  /** The status a client sending no {@code x-trigger-api-version} sees. */
  public String legacyStatus() {
    return RunStatuses.render(status, false);
  }

  /** Whether the stored status is terminal (COMPLETED, CANCELED, FAILED, CRASHED, SYSTEM_FAILURE, EXPIRED, TIMED_OUT, INTERRUPTED). */
  public boolean isTerminal() {
    return RunStatuses.isTerminal(status);
  }

  /** The task's identifier, e.g. {@code send-email}. */
  public String taskIdentifier() {
    return taskIdentifier;
  }

  /** The deployed version the run is locked to, e.g. {@code 20250101.3}; null before it is locked. */
  public @Nullable String version() {
    return version;
  }

  /** {@code env.id}; null until the server fills in its environment. */
  public @Nullable String envId() {
    return envId;
  }

  /** {@code env.name}: the environment slug (dev, prod, staging, preview). */
  public @Nullable String envName() {
    return envName;
  }

  /** {@code env.user}: the developer's name on dev environments, else null. */
  public @Nullable String envUser() {
    return envUser;
  }

  /** The idempotency key the run was triggered with, or null. */
  public @Nullable String idempotencyKey() {
    return idempotencyKey;
  }

  /** Whether the run was triggered from the dashboard's test page. */
  public boolean isTest() {
    return isTest;
  }

  /** When the run was created: the sort key of the list. */
  public Instant createdAt() {
    return createdAt;
  }

  /** When the run last changed. */
  public Instant updatedAt() {
    return updatedAt;
  }

  /** When the first attempt started, or null. */
  public @Nullable Instant startedAt() {
    return startedAt;
  }

  /** When the run reached a terminal status, or null. */
  public @Nullable Instant finishedAt() {
    return finishedAt;
  }

  /** When a DELAYED run becomes due, or null. */
  public @Nullable Instant delayedUntil() {
    return delayedUntil;
  }

  /** When the run expired (EXPIRED runs), or null. */
  public @Nullable Instant expiredAt() {
    return expiredAt;
  }

  /** The time-to-live as the API shows it, e.g. {@code 1h42m}, or null. */
  public @Nullable String ttl() {
    return ttl;
  }

  /** The run's tags, in order; may contain spaces and any Unicode. */
  public List<String> tags() {
    return tags;
  }

  /** Compute cost in cents, e.g. 0.00292. */
  public double costInCents() {
    return costInCents;
  }

  /** Invocation cost in cents, e.g. 0.0025. */
  public double baseCostInCents() {
    return baseCostInCents;
  }

  /** Billed compute time in milliseconds. */
  public long durationMs() {
    return durationMs;
  }

  /** A copy of the run's metadata object, or null when it has none. */
  public @Nullable JsonObject metadata() {
    return metadata == null ? null : metadata.deepCopy();
  }

  /** The task kind, e.g. {@code STANDARD} or {@code SCHEDULED}, or null. */
  public @Nullable String taskKind() {
    return taskKind;
  }

  /** The region the run executes in, e.g. {@code us-east-1}, or null. */
  public @Nullable String region() {
    return region;
  }

  /** 0 for a root run, 1 for its children, and so on. */
  public int depth() {
    return depth;
  }

  /** The queue, e.g. {@code task/send-email} (filter only: the list item does not carry it). */
  public String queue() {
    return queue;
  }

  /** The machine preset, e.g. {@code small-1x}, or null (filter only). */
  public @Nullable String machine() {
    return machine;
  }

  /** The batch id, e.g. {@code batch_...}, or null (filter only). */
  public @Nullable String batch() {
    return batch;
  }

  /** The schedule id, e.g. {@code sched_...}, or null (filter only). */
  public @Nullable String schedule() {
    return schedule;
  }

  /** The bulk action id, e.g. {@code bulk_...}, or null (filter only). */
  public @Nullable String bulkAction() {
    return bulkAction;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FakeRun)) {
      return false;
    }
    FakeRun r = (FakeRun) o;
    return isTest == r.isTest
        && Double.compare(costInCents, r.costInCents) == 0
        && Double.compare(baseCostInCents, r.baseCostInCents) == 0
        && durationMs == r.durationMs
        && depth == r.depth
        && id.equals(r.id)
        && status.equals(r.status)
        && taskIdentifier.equals(r.taskIdentifier)
        && Objects.equals(version, r.version)
        && Objects.equals(envId, r.envId)
        && Objects.equals(envName, r.envName)
        && Objects.equals(envUser, r.envUser)
        && Objects.equals(idempotencyKey, r.idempotencyKey)
        && createdAt.equals(r.createdAt)
        && updatedAt.equals(r.updatedAt)
        && Objects.equals(startedAt, r.startedAt)
        && Objects.equals(finishedAt, r.finishedAt)
        && Objects.equals(delayedUntil, r.delayedUntil)
        && Objects.equals(expiredAt, r.expiredAt)
        && Objects.equals(ttl, r.ttl)
        && tags.equals(r.tags)
        && Objects.equals(metadata, r.metadata)
        && Objects.equals(taskKind, r.taskKind)
        && Objects.equals(region, r.region)
        && queue.equals(r.queue)
        && Objects.equals(machine, r.machine)
        && Objects.equals(batch, r.batch)
        && Objects.equals(schedule, r.schedule)
        && Objects.equals(bulkAction, r.bulkAction);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, status, createdAt, updatedAt);
  }

  @Override
  public String toString() {
    return "FakeRun{" + id + ' ' + status + ' ' + taskIdentifier + " createdAt=" + createdAt
        + " tags=" + tags + '}';
  }

  private static String require(@Nullable String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(name + " is required");
    }
    return value;
  }

  private static Instant millis(Instant instant) {
    // The API shows milliseconds and cursors carry milliseconds: finer precision would only make
    // the stored order disagree with what clients can see.
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Builds a {@link FakeRun}; every setter accepts null to clear an optional field. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String status;
    private @Nullable String taskIdentifier;
    private @Nullable String version;
    private @Nullable String envId;
    private @Nullable String envName;
    private @Nullable String envUser;
    private @Nullable String idempotencyKey;
    private boolean isTest;
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private @Nullable Instant delayedUntil;
    private @Nullable Instant expiredAt;
    private @Nullable String ttl;
    private List<String> tags = new ArrayList<>();
    private double costInCents;
    private double baseCostInCents;
    private long durationMs;
    private @Nullable JsonObject metadata;
    private @Nullable String taskKind = "STANDARD";
    private @Nullable String region;
    private int depth;
    private @Nullable String queue;
    private @Nullable String machine;
    private @Nullable String batch;
    private @Nullable String schedule;
    private @Nullable String bulkAction;

    private Builder() {}

    private Builder(FakeRun r) {
      id = r.id;
      status = r.status;
      taskIdentifier = r.taskIdentifier;
      version = r.version;
      envId = r.envId;
      envName = r.envName;
      envUser = r.envUser;
      idempotencyKey = r.idempotencyKey;
      isTest = r.isTest;
      createdAt = r.createdAt;
      updatedAt = r.updatedAt;
      startedAt = r.startedAt;
      finishedAt = r.finishedAt;
      delayedUntil = r.delayedUntil;
      expiredAt = r.expiredAt;
      ttl = r.ttl;
      tags = new ArrayList<>(r.tags);
      costInCents = r.costInCents;
      baseCostInCents = r.baseCostInCents;
      durationMs = r.durationMs;
      metadata = r.metadata;
      taskKind = r.taskKind;
      region = r.region;
      depth = r.depth;
      queue = r.queue;
      machine = r.machine;
      batch = r.batch;
      schedule = r.schedule;
      bulkAction = r.bulkAction;
    }

    /** Sets the run id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets the stored status name. */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /** Sets the task identifier. */
    public Builder taskIdentifier(String taskIdentifier) {
      this.taskIdentifier = taskIdentifier;
      return this;
    }

    /** Sets the locked version. */
    public Builder version(@Nullable String version) {
      this.version = version;
      return this;
    }

    /** Sets {@code env.id}, {@code env.name} and {@code env.user} (user may be null). */
    public Builder env(String id, String name, String user) {
      this.envId = id;
      this.envName = name;
      this.envUser = user;
      return this;
    }

    /** Sets the idempotency key. */
    public Builder idempotencyKey(@Nullable String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** Sets {@code isTest}. */
    public Builder isTest(boolean isTest) {
      this.isTest = isTest;
      return this;
    }

    /** Sets the creation time (required). */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = millis(createdAt);
      return this;
    }

    /** Sets the last-change time; defaults to {@code createdAt}. */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = millis(updatedAt);
      return this;
    }

    /** Sets the start time. */
    public Builder startedAt(@Nullable Instant startedAt) {
      this.startedAt = millis(startedAt);
      return this;
    }

    /** Sets the finish time. */
    public Builder finishedAt(@Nullable Instant finishedAt) {
      this.finishedAt = millis(finishedAt);
      return this;
    }

    /** Sets when a DELAYED run becomes due. */
    public Builder delayedUntil(@Nullable Instant delayedUntil) {
      this.delayedUntil = millis(delayedUntil);
      return this;
    }

    /** Sets the expiry time. */
    public Builder expiredAt(@Nullable Instant expiredAt) {
      this.expiredAt = millis(expiredAt);
      return this;
    }

    /** Sets the ttl string, e.g. {@code 1h42m}. */
    public Builder ttl(@Nullable String ttl) {
      this.ttl = ttl;
      return this;
    }

    /** Replaces the tags. */
    public Builder tags(List<String> tags) {
      this.tags = tags == null ? new ArrayList<>() : new ArrayList<>(tags);
      for (String tag : this.tags) {
        Objects.requireNonNull(tag, "tag");
      }
      return this;
    }

    /** Replaces the tags. */
    public Builder tags(String... tags) {
      return tags(List.of(tags));
    }

    /** Sets the compute cost in cents. */
    public Builder costInCents(double costInCents) {
      this.costInCents = costInCents;
      return this;
    }

    /** Sets the invocation cost in cents. */
    public Builder baseCostInCents(double baseCostInCents) {
      this.baseCostInCents = baseCostInCents;
      return this;
    }

    /** Sets the billed duration. */
    public Builder durationMs(long durationMs) {
      this.durationMs = durationMs;
      return this;
    }

    /** Sets the metadata object (copied). */
    public Builder metadata(@Nullable JsonObject metadata) {
      this.metadata = metadata == null ? null : metadata.deepCopy();
      return this;
    }

    /** Sets the metadata from a map of JSON-like values (strings, numbers, booleans, lists, maps). */
    public Builder metadata(Map<String, ?> metadata) {
      if (metadata == null) {
        this.metadata = null;
        return this;
      }
      JsonElement tree = GSON.toJsonTree(metadata);
      this.metadata = tree.getAsJsonObject();
      return this;
    }

    /** Sets the task kind (default {@code STANDARD}). */
    public Builder taskKind(@Nullable String taskKind) {
      this.taskKind = taskKind;
      return this;
    }

    /** Sets the region. */
    public Builder region(@Nullable String region) {
      this.region = region;
      return this;
    }

    /** Sets the depth (0 for root runs). */
    public Builder depth(int depth) {
      this.depth = depth;
      return this;
    }

    /** Sets the queue; defaults to {@code task/<taskIdentifier>}. */
    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    /** Sets the machine preset. */
    public Builder machine(@Nullable String machine) {
      this.machine = machine;
      return this;
    }

    /** Sets the batch id. */
    public Builder batch(@Nullable String batch) {
      this.batch = batch;
      return this;
    }

    /** Sets the schedule id. */
    public Builder schedule(@Nullable String schedule) {
      this.schedule = schedule;
      return this;
    }

    /** Sets the bulk action id. */
    public Builder bulkAction(@Nullable String bulkAction) {
      this.bulkAction = bulkAction;
      return this;
    }

    /** Builds the run. */
    public FakeRun build() {
      return new FakeRun(this);
    }
  }
}
