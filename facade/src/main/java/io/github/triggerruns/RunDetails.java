package io.github.triggerruns;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.triggerruns.generated.model.RetrieveRunResponse;
import io.github.triggerruns.generated.model.RetrieveRunResponseAllOfSchedule;
import io.github.triggerruns.generated.model.RetrieveRunResponseAllOfScheduleGenerator;
import io.github.triggerruns.internal.json.DeclaredNames;
import io.github.triggerruns.internal.json.RetrievedRun;
import io.github.triggerruns.internal.json.Ttl;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One run in detail, as {@link Runs#retrieve(String)} (and {@link Runs#reschedule}) answer: what {@link Run}
 * has, plus payload and output, error, schedule, related runs, metadata and more. Forward-compatible like
 * {@code Run}: status values newer than this client are kept ({@link RunStatus#isKnown()}), and fields the
 * spec does not declare are kept in {@link #getAdditionalFields()}. Immutable.
 *
 * <p>Payload and output come as JSON when small; when large the server sends a presigned URL instead
 * (valid for 5 minutes), and the JSON getter returns null. A related run ({@link #getParentRun()} ...) has
 * the common fields only: its payload, output and schedule are null.
 */
public final class RunDetails {
  private static final Set<String> DECLARED = DeclaredNames.of(RetrieveRunResponse.class);

  private final RetrieveRunResponse model;
  private final JsonObject json;

  RunDetails(RetrievedRun run) {
    this.model = run;
    this.json = run.json();
  }

  /** The run's id, starting {@code run_}. */
  public String getId() {
    return model.getId();
  }

  /** The run's status; values newer than this client are kept too. */
  public RunStatus getStatus() {
    return RunStatus.of(model.getStatus().getValue());
  }

  /** The task that ran. */
  public String getTaskIdentifier() {
    return model.getTaskIdentifier();
  }

  /** The worker version that executed the run, or null. */
  public @Nullable String getVersion() {
    return model.getVersion();
  }

  /** The idempotency key the run was triggered with, or null. */
  public @Nullable String getIdempotencyKey() {
    return model.getIdempotencyKey();
  }

  /** Whether this is a test run. */
  public boolean isTest() {
    return Boolean.TRUE.equals(model.getIsTest());
  }

  /** When the run was created. */
  public Instant getCreatedAt() {
    return model.getCreatedAt().toInstant();
  }

  /** When the run last changed. */
  public Instant getUpdatedAt() {
    return model.getUpdatedAt().toInstant();
  }

  /** When the run started executing, or null. */
  public @Nullable Instant getStartedAt() {
    return instant(model.getStartedAt());
  }

  /** When the run finished, or null. */
  public @Nullable Instant getFinishedAt() {
    return instant(model.getFinishedAt());
  }

  /** Until when a delayed run waits before it is queued, or null. */
  public @Nullable Instant getDelayedUntil() {
    return instant(model.getDelayedUntil());
  }

  /** When the run expired because its TTL passed, or null. */
  public @Nullable Instant getExpiredAt() {
    return instant(model.getExpiredAt());
  }

  /** The time-to-live as sent (e.g. {@code 1h42m}, or seconds as a string), or null. */
  public @Nullable String getTtl() {
    return Ttl.text(field("ttl"));
  }

  /** The time-to-live as a duration, or null when absent or not readable. */
  public @Nullable Duration getTtlDuration() {
    return Ttl.duration(field("ttl"));
  }

  /** The run's tags; empty when none. */
  public List<String> getTags() {
    List<String> tags = model.getTags();
    return tags == null ? Collections.<String>emptyList() : Collections.unmodifiableList(tags);
  }

  /** The compute cost so far, in cents, or null. */
  public @Nullable BigDecimal getCostInCents() {
    return model.getCostInCents();
  }

  /** The invocation cost, in cents, or null. */
  public @Nullable BigDecimal getBaseCostInCents() {
    return model.getBaseCostInCents();
  }

  /** The compute time so far in milliseconds, waits excluded, or null. */
  public @Nullable Long getDurationMs() {
    return model.getDurationMs() == null ? null : model.getDurationMs().longValue();
  }

  /** The run's depth in its hierarchy (0 for a root run), or null. */
  public @Nullable Integer getDepth() {
    return model.getDepth();
  }

  /** The batch the run belongs to, or null. */
  public @Nullable String getBatchId() {
    return model.getBatchId();
  }

  /** How it was triggered, as sent ({@code trigger}, {@code triggerAndWait}, ...), or null. */
  public @Nullable String getTriggerFunction() {
    return model.getTriggerFunction() == null ? null : model.getTriggerFunction().getValue();
  }

  /** The run's metadata as JSON, or null when it has none. */
  public @Nullable JsonElement getMetadata() {
    return copy(field("metadata"));
  }

  /** The payload as JSON (any JSON type), or null when absent or too large (see {@link #getPayloadPresignedUrl()}). */
  public @Nullable JsonElement getPayload() {
    return copy(field("payload"));
  }

  /** A URL to download a large payload (expires 5 minutes after the answer), or null. */
  public @Nullable String getPayloadPresignedUrl() {
    return model.getPayloadPresignedUrl();
  }

  /** The output of a completed run as JSON, or null (not completed, none, or too large). */
  public @Nullable JsonElement getOutput() {
    return copy(field("output"));
  }

  /** A URL to download a large output (expires 5 minutes after the answer), or null. */
  public @Nullable String getOutputPresignedUrl() {
    return model.getOutputPresignedUrl();
  }

  /** The error the run failed with, or null. */
  public @Nullable RunError getError() {
    JsonElement error = field("error");
    if (error == null || !error.isJsonObject()) {
      return null;
    }
    JsonObject e = error.getAsJsonObject();
    String message = text(e, "message");
    return new RunError(text(e, "name"), message == null ? "" : message, text(e, "stackTrace"));
  }

  /** How many attempts the run has made ({@code attemptCount}, else the attempts listed), or null. */
  public @Nullable Integer getAttemptCount() {
    JsonElement count = field("attemptCount");
    if (count != null && count.isJsonPrimitive() && count.getAsJsonPrimitive().isNumber()) {
      return count.getAsInt();
    }
    return model.getAttempts() == null || model.getAttempts().isEmpty() ? null : model.getAttempts().size();
  }

  /** The schedule that triggered the run, or null. */
  public @Nullable RunSchedule getSchedule() {
    RetrieveRunResponseAllOfSchedule schedule = model.getSchedule();
    if (schedule == null) {
      return null;
    }
    RetrieveRunResponseAllOfScheduleGenerator generator = schedule.getGenerator();
    return new RunSchedule(schedule.getId(), schedule.getExternalId(), schedule.getDeduplicationKey(),
        generator == null || generator.getType() == null ? null : generator.getType().getValue(),
        generator == null ? null : generator.getExpression(), generator == null ? null : generator.getDescription());
  }

  /** The root run of the hierarchy, or null when this run is the root. */
  public @Nullable RunDetails getRootRun() {
    return related("root");
  }

  /** The parent run, or null when this run is the root. */
  public @Nullable RunDetails getParentRun() {
    return related("parent");
  }

  /** The immediate children of the run; empty when none. */
  public List<RunDetails> getChildRuns() {
    JsonObject relatedRuns = relatedRuns();
    JsonElement children = relatedRuns == null ? null : relatedRuns.get("children");
    if (children == null || !children.isJsonArray()) {
      return Collections.emptyList();
    }
    List<RunDetails> runs = new ArrayList<>();
    for (JsonElement child : children.getAsJsonArray()) {
      if (child.isJsonObject()) {
        runs.add(new RunDetails(RetrievedRun.of(child.getAsJsonObject())));
      }
    }
    return Collections.unmodifiableList(runs);
  }

  /**
   * The fields the server sent that the spec does not declare, by name, in the order received (for example
   * {@code isSuccess}, {@code region}, {@code attemptCount}, {@code error} today).
   */
  public Map<String, JsonElement> getAdditionalFields() {
    Map<String, JsonElement> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> field : json.entrySet()) {
      if (!DECLARED.contains(field.getKey())) {
        fields.put(field.getKey(), field.getValue().deepCopy());
      }
    }
    return Collections.unmodifiableMap(fields);
  }

  /** One undeclared field by name, or null when the server did not send it or the spec declares it. */
  public @Nullable JsonElement getAdditionalField(String name) {
    return DECLARED.contains(name) ? null : copy(json.get(name));
  }

  /** The details as the server sent them: every field, declared or not (a copy). */
  public JsonObject toJson() {
    return json.deepCopy();
  }

  private @Nullable JsonElement field(String name) {
    JsonElement value = json.get(name);
    return value == null || value.isJsonNull() ? null : value;
  }

  private @Nullable JsonObject relatedRuns() {
    JsonElement related = field("relatedRuns");
    return related != null && related.isJsonObject() ? related.getAsJsonObject() : null;
  }

  private @Nullable RunDetails related(String name) {
    JsonObject relatedRuns = relatedRuns();
    JsonElement run = relatedRuns == null ? null : relatedRuns.get(name);
    return run != null && run.isJsonObject() ? new RunDetails(RetrievedRun.of(run.getAsJsonObject())) : null;
  }

  private static @Nullable JsonElement copy(@Nullable JsonElement value) {
    return value == null || value.isJsonNull() ? null : value.deepCopy();
  }

  private static @Nullable String text(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof RunDetails && json.equals(((RunDetails) o).json));
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "RunDetails{" + getId() + ' ' + getStatus() + ' ' + getTaskIdentifier() + '}';
  }
}
