package io.github.triggerruns.testkit.internal.realtime;

import io.github.triggerruns.testkit.internal.QueryParams;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The shape-protocol parameters of one realtime request ({@code #parseStreamRequest}). */
final class RealtimeFeedRequest {
  static final String INITIAL_OFFSET = "-1";

  private final String offset;
  private final String handle;
  private final boolean live;
  private final Set<String> skip;
  private final QueryParams query;

  private RealtimeFeedRequest(String offset, String handle, boolean live, Set<String> skip, QueryParams query) {
    this.offset = offset;
    this.handle = handle;
    this.live = live;
    this.skip = skip;
    this.query = query;
  }

  String offset() {
    return offset;
  }

  String handle() {
    return handle;
  }

  boolean live() {
    return live;
  }

  Set<String> skip() {
    return skip;
  }

  QueryParams query() {
    return query;
  }

  /**
   * The request {@code query} asks for; {@code tokenSkip}, a token's {@code realtime.skipColumns} claim
   * (null: none), replaces the query's {@code skipColumns}, as the native client's
   * {@code requestOptions?.skipColumns ?? url.searchParams.get("skipColumns")}.
   */
  static RealtimeFeedRequest parse(QueryParams query, List<String> tokenSkip) {
    String offset = query.get("offset").orElse(INITIAL_OFFSET);
    String handle = query.get("handle").or(() -> query.get("shape_id")).orElse(null);
    boolean live = query.get("live").map("true"::equals).orElse(false);
    List<String> skip = tokenSkip != null ? tokenSkip
        : query.get("skipColumns").map(s -> Arrays.asList(s.split(",", -1))).orElse(List.of());
    return new RealtimeFeedRequest(offset, handle, live, RealtimeRows.effectiveSkip(skip), query);
  }

  /** Whether this asks for a snapshot: the initial offset, or no handle. */
  boolean snapshot() {
    return offset.equals(INITIAL_OFFSET) || handle == null;
  }

  /** The {@code updatedAt} (epoch ms) the client last saw, from its {@code <updatedAtMs>_<seq>} offset. */
  long lastSeenMs() {
    String first = offset.split("_", -1)[0];
    try {
      double value = Double.parseDouble(first);
      return Double.isFinite(value) && value > 0 ? (long) value : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
