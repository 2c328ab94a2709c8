package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonObject;
import io.github.triggerruns.internal.server.CreatedAtPeriod;
import io.github.triggerruns.testkit.FakeRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code filter[...]} parameters of a list request, validated like the live server does and
 * turned into a predicate over runs. Unknown {@code filter[...]} keys are ignored, and an empty value
 * means "no filter", as on the live server.
 *
 * <p>Time window, in this order: any non-empty {@code period} wins; read by {@link CreatedAtPeriod}
 * (parse-duration), it either applies (createdAt &gt;= now - period) or, when it reads as zero or not
 * at all, removes every time condition; otherwise {@code from} and/or
 * {@code to} apply (inclusive, {@code to} clamped to now); with none of the three, the last 7 days.
 * A {@code from} or {@code to} that is the epoch itself (0 ms, however written) counts as absent: the
 * webapp keeps a bound only {@code if (from)} on its epoch milliseconds.
 */
public final class RunFilter {
  static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

  private RunFilter() {}

  /**
   * The predicate for {@code query} at time {@code nowMs}; adds the validation issues it finds to
   * {@code issues} (the predicate is meaningless then).
   */
  static Predicate<FakeRun> parse(QueryParams query, long nowMs, List<JsonObject> issues) {
    List<Predicate<FakeRun>> all = new ArrayList<>();

    nonEmpty(query, "filter[status]")
        .ifPresent(
            value -> {
              List<String> statuses = split(value);
              List<String> invalid =
                  statuses.stream()
                      .filter(s -> !RunStatuses.ACCEPTED.contains(s))
                      .collect(Collectors.toList());
              if (!invalid.isEmpty()) {
                issues.add(
                    Issues.custom(
                        "filter[status]", "Invalid status values: " + String.join(", ", invalid)));
              }
              Set<String> wanted = new LinkedHashSet<>(statuses);
              all.add(run -> wanted.stream().anyMatch(s -> RunStatuses.selects(s, run.status())));
            });
    anyOf(query, "filter[taskIdentifier]", FakeRun::taskIdentifier, all);
    anyOf(query, "filter[version]", FakeRun::version, all);
    nonEmpty(query, "filter[tag]")
        .ifPresent(
            value -> {
              List<String> tags = split(value);
              all.add(run -> !Collections.disjoint(run.tags(), tags));
            });
    equalTo(query, "filter[bulkAction]", FakeRun::bulkAction, all);
    equalTo(query, "filter[schedule]", FakeRun::schedule, all);
    nonEmpty(query, "filter[isTest]")
        .ifPresent(
            value -> {
              if (value.equals("true") || value.equals("false")) {
                boolean wanted = Boolean.parseBoolean(value);
                all.add(run -> run.isTest() == wanted);
              } else {
                issues.add(Issues.custom("filter[isTest]", "Invalid value for isTest: " + value));
              }
            });
    timeWindow(query, nowMs, issues).ifPresent(all::add);
    equalTo(query, "filter[batch]", FakeRun::batch, all);
    anyOf(query, "filter[queue]", FakeRun::queue, all);
    anyOf(query, "filter[machine]", FakeRun::machine, all);
    anyOf(query, "filter[region]", FakeRun::region, all);

    return run -> all.stream().allMatch(p -> p.test(run));
  }

  private static Optional<Predicate<FakeRun>> timeWindow(
      QueryParams query, long nowMs, List<JsonObject> issues) {
    // Dates are validated even when a period makes them irrelevant: the live schema checks every key.
    OptionalLong from = date(query, "filter[createdAt][from]", issues);
    OptionalLong to = date(query, "filter[createdAt][to]", issues);
    Optional<String> period = nonEmpty(query, "filter[createdAt][period]");

    if (period.isPresent()) {
      CreatedAtPeriod read = CreatedAtPeriod.of(period.get());
      if (!read.filters()) {
        return Optional.empty();
      }
      // NaN (the start is an Invalid Date) matches nothing; live, the query fails instead.
      double since = read.since(nowMs);
      return Optional.of(run -> createdMs(run) >= since);
    }
    if (from.isPresent() || to.isPresent()) {
      long lower = from.orElse(Long.MIN_VALUE);
      long upper = to.isPresent() ? Math.min(to.getAsLong(), nowMs) : Long.MAX_VALUE;
      return Optional.of(run -> createdMs(run) >= lower && createdMs(run) <= upper);
    }
    long since = nowMs - DEFAULT_WINDOW.toMillis();
    return Optional.of(run -> createdMs(run) >= since);
  }

  // The bound in epoch ms; empty when absent, invalid (an issue is added) or 0, which the webapp's
  // truthiness tests (ApiRunListPresenter, timeFilters) drop, so from=0 alone gets the 7-day default.
  private static OptionalLong date(QueryParams query, String key, List<JsonObject> issues) {
    Optional<String> raw = query.get(key);
    if (raw.isEmpty()) {
      return OptionalLong.empty();
    }
    OptionalLong ms = JsDates.coerce(raw.get());
    if (ms.isEmpty()) {
      issues.add(Issues.invalidDate(key));
    }
    return ms.isPresent() && ms.getAsLong() == 0 ? OptionalLong.empty() : ms;
  }

  private static void anyOf(
      QueryParams query, String key, Function<FakeRun, String> field,
      List<Predicate<FakeRun>> all) {
    nonEmpty(query, key)
        .ifPresent(
            value -> {
              List<String> wanted = split(value);
              all.add(run -> wanted.contains(field.apply(run)));
            });
  }

  private static void equalTo(
      QueryParams query, String key, Function<FakeRun, String> field,
      List<Predicate<FakeRun>> all) {
    nonEmpty(query, key).ifPresent(value -> all.add(run -> Objects.equals(value, field.apply(run))));
  }

  private static Optional<String> nonEmpty(QueryParams query, String key) {
    return query.get(key).filter(v -> !v.isEmpty());
  }

  // JavaScript's value.split(","): keeps empty pieces, which then match nothing.
  private static List<String> split(String value) {
    return Arrays.asList(value.split(",", -1));
  }

  private static long createdMs(FakeRun run) {
    return run.createdAt().toEpochMilli();
  }
}
