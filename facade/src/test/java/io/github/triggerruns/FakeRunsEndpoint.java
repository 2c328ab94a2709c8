package io.github.triggerruns;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * A minimal, changeable list endpoint for watch tests: runs kept in memory and served newest first with the
 * server's cursor paging, {@code page[size]}, {@code filter[createdAt][from]} and {@code filter[status]};
 * and answers to serve instead, once each, before the data (injected failures).
 */
final class FakeRunsEndpoint implements ResponseDefinitionTransformerV2 {
  static final String NAME = "fake-runs";

  private record FakeRun(String id, String status, Instant createdAt, Instant updatedAt) {}

  private final Map<String, FakeRun> runs = new LinkedHashMap<>();
  private final Deque<ResponseDefinition> injected = new ArrayDeque<>();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  synchronized void reset() {
    runs.clear();
    injected.clear();
  }

  /** Adds a run, or replaces it, with updatedAt = createdAt. */
  synchronized FakeRunsEndpoint put(String id, String status, Instant createdAt) {
    runs.put(id, new FakeRun(id, status, createdAt, createdAt));
    return this;
  }

  /** Moves a run to {@code status}, last updated at {@code updatedAt}. */
  synchronized FakeRunsEndpoint update(String id, String status, Instant updatedAt) {
    FakeRun run = runs.get(id);
    runs.put(id, new FakeRun(id, status, run.createdAt(), updatedAt));
    return this;
  }

  /** Serves these answers, one per request, before serving data again. */
  synchronized FakeRunsEndpoint failNext(ResponseDefinition... answers) {
    injected.addAll(Arrays.asList(answers));
    return this;
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
    if (!injected.isEmpty()) {
      return injected.poll();
    }
    HttpUrl url = HttpUrl.get(serveEvent.getRequest().getAbsoluteUrl());
    String size = url.queryParameter("page[size]");
    String after = url.queryParameter("page[after]");
    String from = url.queryParameter("filter[createdAt][from]");
    String statuses = url.queryParameter("filter[status]");

    List<FakeRun> matching = new ArrayList<>();
    for (FakeRun run : runs.values()) {
      boolean inWindow = from == null || !run.createdAt().isBefore(Instant.ofEpochMilli(Long.parseLong(from)));
      boolean statusMatches = statuses == null || Arrays.asList(statuses.split(",")).contains(run.status());
      if (inWindow && statusMatches) {
        matching.add(run);
      }
    }
    // The server's order: createdAt descending, then id descending.
    matching.sort(Comparator.comparing(FakeRun::createdAt).thenComparing(FakeRun::id).reversed());
    int start = 0;
    if (after != null) {
      String afterId = after.substring("cursor_".length());
      while (start < matching.size() && !matching.get(start).id().equals(afterId)) {
        start++;
      }
      start++;
    }
    int end = Math.min(matching.size(), start + (size == null ? 25 : Integer.parseInt(size)));
    List<String> data = new ArrayList<>();
    for (FakeRun run : matching.subList(Math.min(start, end), end)) {
      data.add(RxTestSupport.run(run.id(), run.status(), run.createdAt(), run.updatedAt()));
    }
    String next = end < matching.size() ? "cursor_" + matching.get(end - 1).id() : null;
    return responseDefinition()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(RxTestSupport.page(next, data.toArray(new String[0])))
        .build();
  }
}
