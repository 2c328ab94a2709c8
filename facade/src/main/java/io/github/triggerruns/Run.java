package io.github.triggerruns;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.triggerruns.generated.model.ListRunItem;
import io.github.triggerruns.generated.model.ListRunItemEnv;
import io.github.triggerruns.internal.json.Json;
import io.github.triggerruns.internal.json.Ttl;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One run, as listed by the API. Getters follow JavaBean naming, so Kotlin sees properties. Fields the
 * spec does not declare but the server sends ({@code isSuccess}, {@code metadata}, {@code region},
 * {@code depth}, and whatever comes next) are kept: read them with {@link #getAdditionalField(String)}.
 */
public final class Run {
  private final ListRunItem item;
  private final Map<String, JsonElement> additionalFields;
  private @Nullable RunStatus status;

  /**
   * Wraps a decoded item and the fields its model does not declare, an immutable map kept as is. Built by
   * the client only (see PublicPageFactory): tests that need runs without a server use the testkit.
   */
  Run(ListRunItem item, Map<String, JsonElement> additionalFields) {
    this.item = item;
    this.additionalFields = additionalFields;
  }

  /** The run's id, starting {@code run_}. */
  public String getId() {
    return item.getId();
  }

  /** The run's status; values newer than this client are kept too (see {@link RunStatus#isKnown()}). */
  public RunStatus getStatus() {
    RunStatus s = status;
    if (s == null) {
      s = RunStatus.of(item.getStatus().getValue());
      status = s;
    }
    return s;
  }

  /** The task that ran. */
  public String getTaskIdentifier() {
    return item.getTaskIdentifier();
  }

  /** The worker version that executed the run, or null when not yet locked to a version. */
  public @Nullable String getVersion() {
    return item.getVersion();
  }

  /** The environment of the run. */
  public RunEnvironment getEnvironment() {
    ListRunItemEnv env = item.getEnv();
    return new RunEnvironment(env.getId(), env.getName(), env.getUser());
  }

  /** The idempotency key the run was triggered with, or null. */
  public @Nullable String getIdempotencyKey() {
    return item.getIdempotencyKey();
  }

  /** Whether this is a test run. */
  public boolean isTest() {
    return Boolean.TRUE.equals(item.getIsTest());
  }

  /** When the run was created. */
  public Instant getCreatedAt() {
    return item.getCreatedAt().toInstant();
  }

  /** When the run last changed. */
  public Instant getUpdatedAt() {
    return item.getUpdatedAt().toInstant();
  }

  /** When the run started executing, or null. */
  public @Nullable Instant getStartedAt() {
    return instant(item.getStartedAt());
  }

  /** When the run finished, or null. */
  public @Nullable Instant getFinishedAt() {
    return instant(item.getFinishedAt());
  }

  /** Until when a delayed run waits before it is queued, or null. */
  public @Nullable Instant getDelayedUntil() {
    return instant(item.getDelayedUntil());
  }

  /** When the run expired because its TTL passed, or null. */
  public @Nullable Instant getExpiredAt() {
    return instant(item.getExpiredAt());
  }

  /**
   * The run's time-to-live as the server sent it: a duration string such as {@code 1h42m}, or a number of
   * seconds written as a string; null when the run has none. See {@link #getTtlDuration()}.
   */
  public @Nullable String getTtl() {
    return Ttl.text(ttlJson());
  }

  /** The time-to-live as a duration, or null when absent or not readable. */
  public @Nullable Duration getTtlDuration() {
    return Ttl.duration(ttlJson());
  }

  /** The ttl as sent (a string or a number: a union the generated model keeps as JSON), or null. */
  private @Nullable JsonElement ttlJson() {
    return item.getTtl() == null ? null : item.getTtl().getJson();
  }

  /** The run's tags; empty when none. */
  public List<String> getTags() {
    List<String> tags = item.getTags();
    return tags == null ? Collections.<String>emptyList() : Collections.unmodifiableList(tags);
  }

  /** The compute cost so far, in cents (zero in dev), or null. */
  public @Nullable BigDecimal getCostInCents() {
    return item.getCostInCents();
  }

  /** The invocation cost, in cents (zero in dev), or null. */
  public @Nullable BigDecimal getBaseCostInCents() {
    return item.getBaseCostInCents();
  }

  /** The compute time so far in milliseconds, waits excluded, or null. */
  public @Nullable Long getDurationMs() {
    BigDecimal durationMs = item.getDurationMs();
    return durationMs == null ? null : durationMs.longValue();
  }

  /**
   * The fields the server sent that the spec does not declare, by name, as JSON: for example
   * {@code isSuccess}, {@code metadata}, {@code taskKind}, {@code region}, {@code depth}.
   */
  public Map<String, JsonElement> getAdditionalFields() {
    return additionalFields;
  }

  /** One undeclared field by name, or null when the server did not send it. */
  public @Nullable JsonElement getAdditionalField(String name) {
    return additionalFields.get(name);
  }

  /**
   * The run as the server sent it, for fields this class does not present yet and for writing runs out:
   * the fields the spec declares, in its order, then the {@linkplain #getAdditionalFields() additional
   * ones}. Absent fields are left out; timestamps are written as the API writes them
   * ({@code 2025-07-20T10:00:13.000Z}). A new object on every call, which the caller may change.
   */
  public JsonObject toJson() {
    JsonObject json = Json.gson().toJsonTree(item, ListRunItem.class).getAsJsonObject();
    for (Map.Entry<String, JsonElement> field : additionalFields.entrySet()) {
      json.add(field.getKey(), field.getValue().deepCopy());
    }
    return json;
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Run && item.equals(((Run) o).item)
        && additionalFields.equals(((Run) o).additionalFields));
  }

  @Override
  public int hashCode() {
    return item.hashCode();
  }

  @Override
  public String toString() {
    return "Run{" + getId() + ' ' + getStatus() + ' ' + getTaskIdentifier() + " created " + getCreatedAt() + '}';
  }
}
