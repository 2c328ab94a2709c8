package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.FakeRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A validated {@code GET /api/v1/runs} query: page size, the cursor in effect and the filter.
 * {@link #parse} either returns one or the issues for the 400 body.
 */
public final class ListRunsRequest {
  static final int DEFAULT_PAGE_SIZE = 25;
  static final int MAX_PAGE_SIZE = 100;

  private final int pageSize;
  private final Cursor cursor;
  private final boolean backward;
  private final Predicate<FakeRun> filter;

  private ListRunsRequest(int pageSize, Cursor cursor, boolean backward, Predicate<FakeRun> filter) {
    this.pageSize = pageSize;
    this.cursor = cursor;
    this.backward = backward;
    this.filter = filter;
  }

  /** The outcome of parsing: a request, or the issues that make it a 400. */
  public static final class Parsed {
    private final ListRunsRequest request;
    private final List<JsonObject> issues;

    private Parsed(ListRunsRequest request, List<JsonObject> issues) {
      this.request = request;
      this.issues = issues;
    }

    /** The request, when there were no issues. */
    public Optional<ListRunsRequest> request() {
      return Optional.ofNullable(request);
    }

    /** The issues, in the live schema's key order. */
    public List<JsonObject> issues() {
      return issues;
    }
  }

  /** Validates {@code query} at time {@code nowMs}. */
  public static Parsed parse(QueryParams query, long nowMs) {
    List<JsonObject> issues = new ArrayList<>();
    int pageSize = pageSize(query, issues);

    // Both cursors: page[before] wins, as on the live server. Empty values count as absent.
    Optional<String> before = query.get("page[before]").filter(v -> !v.isEmpty());
    Optional<String> after = query.get("page[after]").filter(v -> !v.isEmpty());
    String cursorKey = before.isPresent() ? "page[before]" : "page[after]";
    Optional<String> token = before.isPresent() ? before : after;
    Cursor cursor = null;
    if (token.isPresent()) {
      cursor = Cursor.decode(token.get()).orElse(null);
      if (cursor == null) {
        issues.add(Issues.custom(cursorKey, "Invalid cursor"));
      }
    }

    Predicate<FakeRun> filter = RunFilter.parse(query, nowMs, issues);
    if (!issues.isEmpty()) {
      return new Parsed(null, Collections.unmodifiableList(issues));
    }
    return new Parsed(
        new ListRunsRequest(pageSize, cursor, before.isPresent(), filter), List.of());
  }

  // z.coerce.number().int().positive().min(1).max(100): every failing check is reported.
  private static int pageSize(QueryParams query, List<JsonObject> issues) {
    Optional<String> raw = query.get("page[size]");
    if (raw.isEmpty()) {
      return DEFAULT_PAGE_SIZE;
    }
    String key = "page[size]";
    double n = JsNumbers.toNumber(raw.get());
    if (Double.isNaN(n)) {
      issues.add(Issues.invalidType(key, "number", "nan"));
      return DEFAULT_PAGE_SIZE;
    }
    int before = issues.size();
    if (n != Math.rint(n) || Double.isInfinite(n)) {
      issues.add(Issues.invalidType(key, "integer", "float"));
    }
    if (!(n > 0)) {
      issues.add(Issues.tooSmall(key, 0, false));
    }
    if (n < 1) {
      issues.add(Issues.tooSmall(key, 1, true));
    }
    if (n > MAX_PAGE_SIZE) {
      issues.add(Issues.tooBig(key, MAX_PAGE_SIZE));
    }
    return issues.size() == before ? (int) n : DEFAULT_PAGE_SIZE;
  }

  /** Rows per page, 1..100. */
  public int pageSize() {
    return pageSize;
  }

  /** The cursor in effect ({@code page[before]} if given, else {@code page[after]}), or null. */
  public Cursor cursor() {
    return cursor;
  }

  /** Whether this is a {@code page[before]} request. */
  public boolean backward() {
    return backward;
  }

  /** Which runs the request selects. */
  public Predicate<FakeRun> filter() {
    return filter;
  }
}
