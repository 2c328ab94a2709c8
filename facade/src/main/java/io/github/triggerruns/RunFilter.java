package io.github.triggerruns;

import io.github.triggerruns.internal.server.CreatedAtPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which runs to list: an immutable set of filters, validated when built so that nothing the server would
 * reject or silently misread is ever sent.
 *
 * <h2>The hidden 7-day window</h2>
 * When a filter sets none of {@link Builder#createdFrom(Instant) createdFrom},
 * {@link Builder#createdTo(Instant) createdTo} or {@link Builder#period(String) period}, the server only
 * returns runs created in the <b>last 7 days</b>, without saying so. To list every run ever created, use
 * {@link #allTime()} or {@link Builder#allTime()}.
 *
 * <h2>Wire format</h2>
 * Filters go out exactly as the official TypeScript SDK sends them: {@code filter[status]=QUEUED,EXECUTING},
 * {@code filter[createdAt][from]=<epoch milliseconds>}, and so on. Multi-valued filters are sent as one
 * comma-joined value, so a value that itself contains a comma cannot be filtered on and is refused here.
 */
public final class RunFilter {
  private static final RunFilter DEFAULTS = builder().build();
  private static final RunFilter ALL_TIME = builder().allTime().build();

  private final List<RunStatus> statuses;
  private final List<String> taskIdentifiers;
  private final List<String> versions;
  private final List<String> tags;
  private final List<String> queues;
  private final List<String> machines;
  private final List<String> regions;
  private final @Nullable String bulkAction;
  private final @Nullable String schedule;
  private final @Nullable String batch;
  private final @Nullable Boolean isTest;
  private final @Nullable Instant createdFrom;
  private final @Nullable Instant createdTo;
  private final @Nullable String period;

  private RunFilter(Builder b) {
    statuses = Collections.unmodifiableList(new ArrayList<>(b.statuses));
    taskIdentifiers = Collections.unmodifiableList(new ArrayList<>(b.taskIdentifiers));
    versions = Collections.unmodifiableList(new ArrayList<>(b.versions));
    tags = Collections.unmodifiableList(new ArrayList<>(b.tags));
    queues = Collections.unmodifiableList(new ArrayList<>(b.queues));
    machines = Collections.unmodifiableList(new ArrayList<>(b.machines));
    regions = Collections.unmodifiableList(new ArrayList<>(b.regions));
    bulkAction = b.bulkAction;
    schedule = b.schedule;
    batch = b.batch;
    isTest = b.isTest;
    createdFrom = b.createdFrom;
    createdTo = b.createdTo;
    period = b.period;
  }

  /** A new builder with no filters set. */
  public static Builder builder() {
    return new Builder();
  }

  /** No filters: the server's defaults, which means runs of the <b>last 7 days</b> only. */
  public static RunFilter defaults() {
    return DEFAULTS;
  }

  /** No filters and no time window: every run the environment has. */
  public static RunFilter allTime() {
    return ALL_TIME;
  }

  /** A builder holding this filter's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.statuses.addAll(statuses);
    b.taskIdentifiers.addAll(taskIdentifiers);
    b.versions.addAll(versions);
    b.tags.addAll(tags);
    b.queues.addAll(queues);
    b.machines.addAll(machines);
    b.regions.addAll(regions);
    b.bulkAction = bulkAction;
    b.schedule = schedule;
    b.batch = batch;
    b.isTest = isTest;
    b.createdFrom = createdFrom;
    b.createdTo = createdTo;
    b.period = period;
    return b;
  }

  /** Statuses to match ({@code filter[status]}); empty for any. */
  public List<RunStatus> getStatuses() {
    return statuses;
  }

  /** Task identifiers to match ({@code filter[taskIdentifier]}); empty for any. */
  public List<String> getTaskIdentifiers() {
    return taskIdentifiers;
  }

  /** Worker versions to match ({@code filter[version]}); empty for any. */
  public List<String> getVersions() {
    return versions;
  }

  /** Tags, any of which a run must carry ({@code filter[tag]}); empty for any. */
  public List<String> getTags() {
    return tags;
  }

  /** Queues to match ({@code filter[queue]}), a task's queue written {@code task/<name>}; empty for any. */
  public List<String> getQueues() {
    return queues;
  }

  /** Machine presets to match ({@code filter[machine]}), e.g. {@code small-1x}; empty for any. */
  public List<String> getMachines() {
    return machines;
  }

  /** Regions to match ({@code filter[region]}); empty for any. */
  public List<String> getRegions() {
    return regions;
  }

  /** The bulk action id to match, or null. */
  public @Nullable String getBulkAction() {
    return bulkAction;
  }

  /** The schedule id to match, or null. */
  public @Nullable String getSchedule() {
    return schedule;
  }

  /** The batch id to match, or null. */
  public @Nullable String getBatch() {
    return batch;
  }

  /** Whether to match test runs only ({@code true}), real runs only ({@code false}), or both (null). */
  public @Nullable Boolean getIsTest() {
    return isTest;
  }

  /** The earliest creation time to match, or null. */
  public @Nullable Instant getCreatedFrom() {
    return createdFrom;
  }

  /** The latest creation time to match (the server clamps it to now), or null. */
  public @Nullable Instant getCreatedTo() {
    return createdTo;
  }

  /** A window back from now such as {@code 1d} or {@code 1h30m}, or null. */
  public @Nullable String getPeriod() {
    return period;
  }

  /** Whether the server's hidden 7-day window applies: no createdFrom, createdTo or period is set. */
  public boolean usesDefaultWindow() {
    return createdFrom == null && createdTo == null && period == null;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RunFilter)) {
      return false;
    }
    RunFilter that = (RunFilter) o;
    return statuses.equals(that.statuses) && taskIdentifiers.equals(that.taskIdentifiers)
        && versions.equals(that.versions) && tags.equals(that.tags) && queues.equals(that.queues)
        && machines.equals(that.machines) && regions.equals(that.regions)
        && Objects.equals(bulkAction, that.bulkAction) && Objects.equals(schedule, that.schedule)
        && Objects.equals(batch, that.batch) && Objects.equals(isTest, that.isTest)
        && Objects.equals(createdFrom, that.createdFrom) && Objects.equals(createdTo, that.createdTo)
        && Objects.equals(period, that.period);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statuses, taskIdentifiers, versions, tags, queues, machines, regions, bulkAction,
        schedule, batch, isTest, createdFrom, createdTo, period);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("RunFilter{");
    append(s, "statuses", statuses.isEmpty() ? null : statuses);
    append(s, "taskIdentifiers", taskIdentifiers.isEmpty() ? null : taskIdentifiers);
    append(s, "versions", versions.isEmpty() ? null : versions);
    append(s, "tags", tags.isEmpty() ? null : tags);
    append(s, "queues", queues.isEmpty() ? null : queues);
    append(s, "machines", machines.isEmpty() ? null : machines);
    append(s, "regions", regions.isEmpty() ? null : regions);
    append(s, "bulkAction", bulkAction);
    append(s, "schedule", schedule);
    append(s, "batch", batch);
    append(s, "isTest", isTest);
    append(s, "createdFrom", createdFrom);
    append(s, "createdTo", createdTo);
    append(s, "period", period);
    if (usesDefaultWindow()) {
      append(s, "window", "server default: last 7 days");
    }
    return s.append('}').toString();
  }

  private static void append(StringBuilder s, String name, @Nullable Object value) {
    if (value != null) {
      s.append(s.charAt(s.length() - 1) == '{' ? "" : ", ").append(name).append('=').append(value);
    }
  }

  /** Builds a {@link RunFilter}; each multi-valued setter replaces earlier values of the same filter. */
  public static final class Builder {
    private final List<RunStatus> statuses = new ArrayList<>();
    private final List<String> taskIdentifiers = new ArrayList<>();
    private final List<String> versions = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<String> queues = new ArrayList<>();
    private final List<String> machines = new ArrayList<>();
    private final List<String> regions = new ArrayList<>();
    private @Nullable String bulkAction;
    private @Nullable String schedule;
    private @Nullable String batch;
    private @Nullable Boolean isTest;
    private @Nullable Instant createdFrom;
    private @Nullable Instant createdTo;
    private @Nullable String period;

    private Builder() {}

    /** Match runs in any of these statuses. */
    public Builder statuses(RunStatus... statuses) {
      return statuses(Arrays.asList(statuses));
    }

    /** Match runs in any of these statuses. */
    public Builder statuses(Collection<RunStatus> statuses) {
      return replace(this.statuses, statuses, "statuses");
    }

    /** Match runs of any of these tasks. */
    public Builder taskIdentifiers(String... taskIdentifiers) {
      return taskIdentifiers(Arrays.asList(taskIdentifiers));
    }

    /** Match runs of any of these tasks. */
    public Builder taskIdentifiers(Collection<String> taskIdentifiers) {
      return replace(this.taskIdentifiers, taskIdentifiers, "taskIdentifiers");
    }

    /** Match runs executed by any of these worker versions. */
    public Builder versions(String... versions) {
      return versions(Arrays.asList(versions));
    }

    /** Match runs executed by any of these worker versions. */
    public Builder versions(Collection<String> versions) {
      return replace(this.versions, versions, "versions");
    }

    /** Match runs carrying any of these tags. */
    public Builder tags(String... tags) {
      return tags(Arrays.asList(tags));
    }

    /** Match runs carrying any of these tags. */
    public Builder tags(Collection<String> tags) {
      return replace(this.tags, tags, "tags");
    }

    /** Match runs on any of these queues; a task's own queue is written {@code task/<task id>}. */
    public Builder queues(String... queues) {
      return queues(Arrays.asList(queues));
    }

    /** Match runs on any of these queues; a task's own queue is written {@code task/<task id>}. */
    public Builder queues(Collection<String> queues) {
      return replace(this.queues, queues, "queues");
    }

    /**
     * Match runs on any of these machine presets: micro, small-1x, small-2x, medium-1x, medium-2x,
     * large-1x, large-2x.
     */
    public Builder machines(String... machines) {
      return machines(Arrays.asList(machines));
    }

    /** Match runs on any of these machine presets. */
    public Builder machines(Collection<String> machines) {
      return replace(this.machines, machines, "machines");
    }

    /** Match runs in any of these regions. */
    public Builder regions(String... regions) {
      return regions(Arrays.asList(regions));
    }

    /** Match runs in any of these regions. */
    public Builder regions(Collection<String> regions) {
      return replace(this.regions, regions, "regions");
    }

    /** Match runs of this bulk action; null clears. */
    public Builder bulkAction(@Nullable String bulkAction) {
      this.bulkAction = bulkAction;
      return this;
    }

    /** Match runs of this schedule; null clears. */
    public Builder schedule(@Nullable String schedule) {
      this.schedule = schedule;
      return this;
    }

    /** Match runs of this batch; null clears. */
    public Builder batch(@Nullable String batch) {
      this.batch = batch;
      return this;
    }

    /** Match test runs only ({@code true}) or real runs only ({@code false}); null matches both. */
    public Builder isTest(@Nullable Boolean isTest) {
      this.isTest = isTest;
      return this;
    }

    /** Match runs created at or after this instant; null clears. */
    public Builder createdFrom(@Nullable Instant createdFrom) {
      this.createdFrom = createdFrom;
      return this;
    }

    /** Match runs created at or before this instant (the server clamps it to now); null clears. */
    public Builder createdTo(@Nullable Instant createdTo) {
      this.createdTo = createdTo;
      return this;
    }

    /**
     * Match runs created within this window back from now, in the server's duration syntax: a number and
     * a unit (ms, s, m, h, d, w, mo, y, or their long forms), combinable ({@code 1h30m}) and decimal
     * ({@code 1.5h}). Units are case-insensitive, so {@code 1M} is one <em>minute</em>; months are
     * {@code mo}. Cannot be combined with createdFrom/createdTo. Null clears.
     *
     * <p>{@link #build()} refuses a period the server cannot use: one it reads as zero or not at all
     * ({@code 0d}, {@code soon}; the server would then drop the whole time filter and list every run), a
     * negative one, or a blank one.
     */
    public Builder period(@Nullable String period) {
      this.period = period;
      return this;
    }

    /**
     * Lift the server's hidden 7-day window: match runs created at any time since the epoch. Clears
     * period and createdTo. (The server reads a bound of 0 ms as no bound, so a bound at the epoch is
     * sent as {@code filter[createdAt][from]=1}.)
     */
    public Builder allTime() {
      this.createdFrom = Instant.EPOCH;
      this.createdTo = null;
      this.period = null;
      return this;
    }

    /**
     * The filter.
     *
     * @throws InvalidRequestException when a value would be rejected or misread by the server; the
     *     message says what to change
     */
    public RunFilter build() {
      checkValues("statuses", statusValues());
      checkValues("taskIdentifiers", taskIdentifiers);
      checkValues("versions", versions);
      checkValues("tags", tags);
      checkValues("queues", queues);
      checkValues("machines", machines);
      checkValues("regions", regions);
      checkSingle("bulkAction", bulkAction);
      checkSingle("schedule", schedule);
      checkSingle("batch", batch);
      checkSingle("period", period);
      if (period != null) {
        if (createdFrom != null || createdTo != null) {
          throw new InvalidRequestException("Set either period(\"" + period + "\") or createdFrom/createdTo,"
              + " not both: the server ignores createdFrom/createdTo when a period is given.");
        }
        checkPeriod(period);
      }
      if (createdFrom != null && createdTo != null && createdFrom.isAfter(createdTo)) {
        throw new InvalidRequestException("createdFrom (" + createdFrom + ") is after createdTo (" + createdTo
            + "): no run can match. Swap them.");
      }
      return new RunFilter(this);
    }

    private static void checkPeriod(String period) {
      CreatedAtPeriod read = CreatedAtPeriod.of(period);
      if (read.isUsable()) {
        return;
      }
      String problem = !read.filters()
          ? "is not a duration the server can use (it reads as zero or not at all), and the server would"
              + " then silently drop the whole time filter and list every run"
          : read.isNegative()
              ? "is negative: the window would start in the future and match no run"
              : "reaches back further than the server's dates go";
      throw new InvalidRequestException("period(\"" + period + "\") " + problem + ". Use a positive number"
          + " and a unit such as \"30m\", \"1h30m\", \"1.5h\", \"7d\", \"2w\" or \"1mo\", or allTime()"
          + " for every run.");
    }

    private List<String> statusValues() {
      List<String> values = new ArrayList<>(statuses.size());
      for (RunStatus status : statuses) {
        values.add(status.getValue());
      }
      return values;
    }

    private <T> Builder replace(List<T> target, Collection<T> values, String name) {
      Objects.requireNonNull(values, name);
      for (T value : values) {
        Objects.requireNonNull(value, () -> name + " cannot contain null");
      }
      target.clear();
      target.addAll(values);
      return this;
    }

    private static void checkValues(String name, List<String> values) {
      for (String value : values) {
        checkSingle(name, value);
        if (value.indexOf(',') >= 0) {
          throw new InvalidRequestException(name + " value \"" + value + "\" contains a comma: the API"
              + " receives " + name + " as one comma-joined list, so it would split this value in two."
              + " Filter on values without commas.");
        }
      }
    }

    private static void checkSingle(String name, @Nullable String value) {
      if (value != null && value.trim().isEmpty()) {
        throw new InvalidRequestException(name + " cannot be blank; leave it unset to match any.");
      }
    }
  }
}
