package io.github.triggerruns;

import org.jspecify.annotations.Nullable;

/** The schedule that triggered a run (see {@link RunDetails#getSchedule()}). Immutable. */
public final class RunSchedule {
  private final String id;
  private final @Nullable String externalId;
  private final @Nullable String deduplicationKey;
  private final @Nullable String generatorType;
  private final @Nullable String expression;
  private final @Nullable String description;

  RunSchedule(String id, @Nullable String externalId, @Nullable String deduplicationKey,
      @Nullable String generatorType, @Nullable String expression, @Nullable String description) {
    this.id = id;
    this.externalId = externalId;
    this.deduplicationKey = deduplicationKey;
    this.generatorType = generatorType;
    this.expression = expression;
    this.description = description;
  }

  /** The schedule's id, starting {@code sched_}. */
  public String getId() {
    return id;
  }

  /** The external id it was created with, or null. */
  public @Nullable String getExternalId() {
    return externalId;
  }

  /** The deduplication key it was created with, or null. */
  public @Nullable String getDeduplicationKey() {
    return deduplicationKey;
  }

  /** How it generates times, as sent ({@code CRON} today), or null. */
  public @Nullable String getGeneratorType() {
    return generatorType;
  }

  /** The cron expression, or null. */
  public @Nullable String getExpression() {
    return expression;
  }

  /** The expression in words (e.g. "Every day at midnight"), or null. */
  public @Nullable String getDescription() {
    return description;
  }

  @Override
  public String toString() {
    return "RunSchedule{" + id + ' ' + expression + '}';
  }
}
