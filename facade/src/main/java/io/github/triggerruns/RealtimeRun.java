package io.github.triggerruns;

import io.github.triggerruns.internal.realtime.ColumnValues;
import io.github.triggerruns.internal.realtime.DatabaseStatuses;
import io.github.triggerruns.internal.realtime.RunColumns;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A run as the realtime API describes it, each time it changes: what {@link Runs#subscribeToRun},
 * {@link Runs#subscribeToRunsWithTag} and {@link Runs#subscribeToBatch} emit. Immutable.
 *
 * <p>Fields are decoded from the row the server sends, the way the official SDK decodes it: {@link #getId()}
 * is the run's friendly id ({@code run_...}), the status is mapped from the database's name to the API's
 * ({@code COMPLETED_SUCCESSFULLY} becomes COMPLETED, and so on; unknown names are kept),
 * {@link #getFinishedAt()} is the row's {@code completedAt}, {@link #getTags()} its {@code runTags}.
 * Payload, output and metadata are the stored text with its content type (for example
 * {@code application/json}; {@code application/store} means the data is kept out of the row and the text is
 * a reference). A column left out with {@link SubscribeOptions.Builder#skipColumns} reads as null (or 0,
 * false, empty). {@link #getColumns()} keeps every column as sent, those this class does not know included.
 */
public final class RealtimeRun {
  private final Map<String, @Nullable String> columns;
  private final String id;
  private final RunStatus status;
  private final List<String> tags;

  private RealtimeRun(Map<String, @Nullable String> columns) {
    this.columns = columns;
    String friendlyId = columns.get(RunColumns.FRIENDLY_ID);
    this.id = friendlyId != null ? friendlyId : String.valueOf(columns.get(RunColumns.ID));
    String rawStatus = columns.get(RunColumns.STATUS);
    this.status = RunStatus.of(rawStatus == null || rawStatus.trim().isEmpty() ? "QUEUED"
        : DatabaseStatuses.apiName(rawStatus));
    this.tags = ColumnValues.array(columns.get(RunColumns.RUN_TAGS));
  }

  /** The run a realtime row describes; {@code columns} must not change afterwards. */
  static RealtimeRun fromColumns(Map<String, @Nullable String> columns) {
    return new RealtimeRun(Collections.unmodifiableMap(columns));
  }

  /** The run's id, e.g. {@code run_1234}: the same id {@link Run#getId()} and the run APIs use. */
  public String getId() {
    return id;
  }

  /** The status, in the API's names (QUEUED, EXECUTING, COMPLETED, ...). */
  public RunStatus getStatus() {
    return status;
  }

  /** The status as the row carries it: the database's name, e.g. {@code COMPLETED_SUCCESSFULLY}. */
  public @Nullable String getDatabaseStatus() {
    return columns.get(RunColumns.STATUS);
  }

  /** The task's identifier. */
  public @Nullable String getTaskIdentifier() {
    return columns.get(RunColumns.TASK_IDENTIFIER);
  }

  /** The run's tags; empty when it has none. */
  public List<String> getTags() {
    return tags;
  }

  /** When the run was created. */
  public @Nullable Instant getCreatedAt() {
    return ColumnValues.timestamp(columns.get(RunColumns.CREATED_AT));
  }

  /** When the run last changed. */
  public @Nullable Instant getUpdatedAt() {
    return ColumnValues.timestamp(columns.get(RunColumns.UPDATED_AT));
  }

  /** When the run started executing, if it has. */
  public @Nullable Instant getStartedAt() {
    return ColumnValues.timestamp(columns.get(RunColumns.STARTED_AT));
  }

  /** When the run was queued, if it has been. */
  public @Nullable Instant getQueuedAt() {
    return ColumnValues.timestamp(columns.get(RunColumns.QUEUED_AT));
  }

  /** Until when a delayed run waits ({@code delayUntil}). */
  public @Nullable Instant getDelayedUntil() {
    return ColumnValues.timestamp(columns.get(RunColumns.DELAY_UNTIL));
  }

  /** When the run expired, if it did. */
  public @Nullable Instant getExpiredAt() {
    return ColumnValues.timestamp(columns.get(RunColumns.EXPIRED_AT));
  }

  /** When the run finished ({@code completedAt}); null while it runs. */
  public @Nullable Instant getFinishedAt() {
    return ColumnValues.timestamp(columns.get(RunColumns.COMPLETED_AT));
  }

  /**
   * Whether the run has finished: it has a {@link #getFinishedAt()} (what the SDK stops a run's feed on),
   * or, when the feed skips the {@code completedAt} column (the subscription's or the token's
   * {@code skipColumns}), its status is terminal: without it such a feed would never be seen to finish.
   */
  public boolean isFinished() {
    return columns.containsKey(RunColumns.COMPLETED_AT) ? columns.get(RunColumns.COMPLETED_AT) != null
        : status.isTerminal();
  }

  /** The run's number within its task. */
  public @Nullable Long getNumber() {
    return ColumnValues.integer(columns.get(RunColumns.NUMBER));
  }

  /** Whether this is a test run. */
  public boolean isTest() {
    return Boolean.TRUE.equals(ColumnValues.bool(columns.get(RunColumns.IS_TEST)));
  }

  /** Compute time used, in milliseconds ({@code usageDurationMs}); 0 when absent. */
  public long getDurationMs() {
    Long value = ColumnValues.integer(columns.get(RunColumns.USAGE_DURATION_MS));
    return value == null ? 0 : value;
  }

  /** The compute cost so far, in cents; 0 when absent. */
  public double getCostInCents() {
    Double value = ColumnValues.decimal(columns.get(RunColumns.COST_IN_CENTS));
    return value == null ? 0 : value;
  }

  /** The invocation cost, in cents; 0 when absent. */
  public double getBaseCostInCents() {
    Double value = ColumnValues.decimal(columns.get(RunColumns.BASE_COST_IN_CENTS));
    return value == null ? 0 : value;
  }

  /** The time to live, as set when triggered (e.g. {@code 1h}). */
  public @Nullable String getTtl() {
    return columns.get(RunColumns.TTL);
  }

  /** The payload as stored; see {@link #getPayloadType()}. */
  public @Nullable String getPayload() {
    return columns.get(RunColumns.PAYLOAD);
  }

  /** The payload's content type, e.g. {@code application/json}. */
  public @Nullable String getPayloadType() {
    return columns.get(RunColumns.PAYLOAD_TYPE);
  }

  /** The output as stored, once the run has one; see {@link #getOutputType()}. */
  public @Nullable String getOutput() {
    return columns.get(RunColumns.OUTPUT);
  }

  /** The output's content type. */
  public @Nullable String getOutputType() {
    return columns.get(RunColumns.OUTPUT_TYPE);
  }

  /** The run's metadata as stored; see {@link #getMetadataType()}. */
  public @Nullable String getMetadata() {
    return columns.get(RunColumns.METADATA);
  }

  /** The metadata's content type. */
  public @Nullable String getMetadataType() {
    return columns.get(RunColumns.METADATA_TYPE);
  }

  /** The run's error as JSON text ({@code {"type":"BUILT_IN_ERROR","name":...,"message":...}}), if it failed. */
  public @Nullable String getError() {
    return columns.get(RunColumns.ERROR);
  }

  /** The keys of the realtime streams the run has written to. */
  public List<String> getRealtimeStreams() {
    return ColumnValues.array(columns.get(RunColumns.REALTIME_STREAMS));
  }

  /** Every column as the server sent it (text or null), by name. */
  public Map<String, @Nullable String> getColumns() {
    return columns;
  }

  /** One column as the server sent it, or null. */
  public @Nullable String getColumn(String name) {
    return columns.get(name);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof RealtimeRun && columns.equals(((RealtimeRun) o).columns));
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    return "RealtimeRun{id=" + id + ", status=" + status + ", task=" + getTaskIdentifier() + ", updatedAt="
        + columns.get(RunColumns.UPDATED_AT) + '}';
  }
}
