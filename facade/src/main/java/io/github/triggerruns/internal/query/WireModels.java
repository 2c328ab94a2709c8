package io.github.triggerruns.internal.query;

import io.github.triggerruns.PageRequest;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.RunStatus;
import io.github.triggerruns.generated.model.CommonRunsFilter;
import io.github.triggerruns.generated.model.CommonRunsFilterCreatedAt;
import io.github.triggerruns.generated.model.ListRunsV1PageParameter;
import io.github.triggerruns.internal.http.LogicalCall;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Maps the facade's filter and page request onto the generated parameter models. */
public final class WireModels {
  private WireModels() {}

  /**
   * The {@code page} parameter of one logical call, carrying that call's idempotency key: Retrofit hands
   * the same argument to every attempt, so retries at any level send the same key. Defaults send no keys.
   */
  public static ListRunsV1PageParameter page(PageRequest request) {
    PageWithCallKey page = new PageWithCallKey(UUID.randomUUID().toString());
    page.setSize(request.getSize());
    page.setAfter(request.getAfter());
    page.setBefore(request.getBefore());
    return page;
  }

  /** The {@code filter} parameter, or null when nothing is filtered. */
  public static @Nullable CommonRunsFilter filter(RunFilter filter) {
    Map<String, String> extra = new LinkedHashMap<>();
    putJoined(extra, "batch", filter.getBatch() == null ? Collections.<String>emptyList()
        : Collections.singletonList(filter.getBatch()));
    putJoined(extra, "queue", filter.getQueues());
    putJoined(extra, "machine", filter.getMachines());
    putJoined(extra, "region", filter.getRegions());
    FilterWithExtraKeys model = new FilterWithExtraKeys(extra);

    List<CommonRunsFilter.StatusEnum> statuses = new ArrayList<>();
    for (RunStatus status : filter.getStatuses()) {
      statuses.add(CommonRunsFilter.StatusEnum.fromValue(status.getValue()));
    }
    model.setStatus(nullIfEmpty(statuses));
    model.setTaskIdentifier(nullIfEmpty(filter.getTaskIdentifiers()));
    model.setVersion(nullIfEmpty(filter.getVersions()));
    model.setTag(nullIfEmpty(filter.getTags()));
    model.setBulkAction(filter.getBulkAction());
    model.setSchedule(filter.getSchedule());
    model.setIsTest(filter.getIsTest());
    if (!filter.usesDefaultWindow()) {
      model.setCreatedAt(new CommonRunsFilterCreatedAt()
          .from(utc(honoured(filter.getCreatedFrom(), 1)))
          .to(utc(honoured(filter.getCreatedTo(), -1)))
          .period(filter.getPeriod()));
    }
    return filter.equals(RunFilter.defaults()) ? null : model;
  }

  /**
   * The bound to send for {@code bound}: the server reads a bound of 0 epoch milliseconds as no bound at
   * all (the webapp tests {@code if (from)}), which for {@link RunFilter#allTime()} would bring back the
   * hidden 7-day window. So a bound at the epoch goes out 1 ms past it ({@code from=1}, {@code to=-1}):
   * only a run created at the epoch itself could tell the difference.
   */
  private static @Nullable Instant honoured(@Nullable Instant bound, long awayFromZero) {
    return bound != null && bound.toEpochMilli() == 0 ? Instant.ofEpochMilli(awayFromZero) : bound;
  }

  private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static <T> @Nullable List<T> nullIfEmpty(List<T> values) {
    return values.isEmpty() ? null : new ArrayList<>(values);
  }

  private static void putJoined(Map<String, String> extra, String key, List<String> values) {
    if (!values.isEmpty()) {
      extra.put(key, String.join(",", values));
    }
  }

  /** The spec's page model plus the idempotency key of the logical call it belongs to. */
  static final class PageWithCallKey extends ListRunsV1PageParameter implements LogicalCall {
    private final transient String idempotencyKey;

    PageWithCallKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
    }

    @Override
    public String idempotencyKey() {
      return idempotencyKey;
    }
  }

  /** The spec's filter model plus the keys the server accepts beyond the spec. */
  static final class FilterWithExtraKeys extends CommonRunsFilter implements HasExtraQueryKeys {
    private final transient Map<String, String> extraQueryKeys;

    FilterWithExtraKeys(Map<String, String> extraQueryKeys) {
      this.extraQueryKeys = Collections.unmodifiableMap(extraQueryKeys);
    }

    @Override
    public Map<String, String> extraQueryKeys() {
      return extraQueryKeys;
    }
  }
}
