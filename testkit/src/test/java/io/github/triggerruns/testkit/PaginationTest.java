package io.github.triggerruns.testkit;

import static io.github.triggerruns.testkit.Http.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaginationTest {
  static FakeTriggerServer server;
  static Http http;
  static final Map<String, String> ALL = params("filter[createdAt][from]", "1");

  @BeforeAll
  static void start() {
    server =
        FakeTriggerServer.builder().runs(500).clock(MutableClock.at(Runs.NOW)).build().start();
    http = Http.to(server);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static Map<String, String> with(Map<String, String> base, String... keyValues) {
    Map<String, String> m = new java.util.LinkedHashMap<>(base);
    m.putAll(params(keyValues));
    return m;
  }

  private static List<String> ids(List<JsonObject> items) {
    return items.stream().map(i -> i.get("id").getAsString()).collect(Collectors.toList());
  }

  @Test
  void forwardPagingVisitsEveryRunExactlyOnceInListOrder() {
    List<JsonObject> items = http.all(with(ALL, "page[size]", "37"));

    List<String> expected = server.runs().stream().map(FakeRun::id).collect(Collectors.toList());
    assertThat(ids(items)).hasSize(500).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    Comparator<JsonObject> listOrder =
        Comparator.comparing((JsonObject i) -> Instant.parse(i.get("createdAt").getAsString()))
            .thenComparing(i -> i.get("id").getAsString())
            .reversed();
    assertThat(items).isSortedAccordingTo(listOrder);
  }

  @Test
  void pagingWithoutATimeFilterCoversExactlyTheLastSevenDays() {
    Instant since = Runs.NOW.minus(Duration.ofDays(7));
    List<String> expected =
        server.runs().stream()
            .filter(r -> !r.createdAt().isBefore(since))
            .map(FakeRun::id)
            .collect(Collectors.toList());

    assertThat(ids(http.all(params("page[size]", "100")))).containsExactlyElementsOf(expected);
    assertThat(expected.size()).isBetween(100, 300);
  }

  @Test
  void nextOnlyWhenMoreRowsExistAndPreviousOnlyWithACursor() {
    Http.Resp first = http.get(with(ALL, "page[size]", "100"));
    assertThat(first.next()).isPresent();
    assertThat(first.previous()).isEmpty();

    Http.Resp page = first;
    for (int i = 2; i <= 5; i++) {
      page = http.get(with(ALL, "page[size]", "100", "page[after]", page.next().get()));
      assertThat(page.items()).hasSize(100);
      assertThat(page.previous()).isPresent();
    }
    assertThat(page.next()).as("the 5th page holds the last of 500 runs").isEmpty();
  }

  @Test
  void beforePagesComeBackInAscendingOrder() {
    Http.Resp first = http.get(with(ALL, "page[size]", "10"));
    Http.Resp second = http.get(with(ALL, "page[size]", "10", "page[after]", first.next().get()));

    Http.Resp back = http.get(with(ALL, "page[size]", "10", "page[before]", second.previous().get()));

    List<String> reversedFirst = new ArrayList<>(first.ids());
    Collections.reverse(reversedFirst);
    assertThat(back.ids()).containsExactlyElementsOf(reversedFirst);
    assertThat(back.next()).isEqualTo(first.next());
    assertThat(back.previous()).isPresent();
  }

  @Test
  void beforeWinsWhenBothCursorsAreSent() {
    Http.Resp first = http.get(with(ALL, "page[size]", "10"));
    Http.Resp second = http.get(with(ALL, "page[size]", "10", "page[after]", first.next().get()));
    String before = second.previous().get();

    Http.Resp both =
        http.get(with(ALL, "page[size]", "10", "page[after]", second.next().get(),
            "page[before]", before));

    assertThat(both.body).isEqualTo(http.get(with(ALL, "page[size]", "10", "page[before]", before)).body);
  }

  @Test
  void cursorsAreOpaqueTokensAndStable() {
    Http.Resp a = http.get(with(ALL, "page[size]", "25"));
    Http.Resp b = http.get(with(ALL, "page[size]", "25"));
    String next = a.next().get();

    assertThat(b.next()).contains(next);
    assertThat(next).matches("[A-Za-z0-9_-]+").doesNotStartWith("run_");
    assertThat(a.ids()).doesNotContain(next);
  }

  @Test
  void aCursorKeepsItsPlaceWhenNewerRunsArrive() {
    FakeTriggerServer own =
        FakeTriggerServer.builder().runs(60).clock(MutableClock.at(Runs.NOW)).build().start();
    try {
      Http client = Http.to(own);
      Http.Resp first = client.get(with(ALL, "page[size]", "20"));
      Http.Resp expectedSecond =
          client.get(with(ALL, "page[size]", "20", "page[after]", first.next().get()));

      own.addRun();
      own.addRun();

      Http.Resp second = client.get(with(ALL, "page[size]", "20", "page[after]", first.next().get()));
      assertThat(second.ids()).isEqualTo(expectedSecond.ids());
    } finally {
      own.stop();
    }
  }

  @Test
  void anEmptyResultHasAnEmptyPagination() {
    Http.Resp r = http.get(params("filter[taskIdentifier]", "no-such-task"));

    assertThat(r.status).isEqualTo(200);
    assertThat(r.body).isEqualTo("{\"data\":[],\"pagination\":{}}");
  }

  @Test
  void pagingPastTheLastRunIsEmpty() {
    List<FakeRun> runs = server.runs();
    Http.Resp last = http.get(with(ALL, "page[size]", "1", "page[before]", cursorOfOldest()));
    assertThat(last.ids()).containsExactly(runs.get(runs.size() - 2).id());

    Http.Resp beyond = http.get(with(ALL, "page[after]", cursorOfOldest()));
    assertThat(beyond.body).isEqualTo("{\"data\":[],\"pagination\":{}}");
  }

  // Reaches the oldest run's cursor through the API only: cursors are never built by hand.
  private static String cursorOfOldest() {
    Http.Resp page = http.get(with(ALL, "page[size]", "100"));
    while (page.next().isPresent()) {
      page = http.get(with(ALL, "page[size]", "100", "page[after]", page.next().get()));
    }
    // `previous` of the last page is its first row (#401); 98 more rows end at #499.
    Http.Resp upTo499 = http.get(with(ALL, "page[size]", "98", "page[after]", page.previous().get()));
    Http.Resp oldest = http.get(with(ALL, "page[size]", "1", "page[after]", upTo499.next().get()));
    assertThat(oldest.ids()).containsExactly(server.runs().get(499).id());
    return oldest.previous().get();
  }

  @Test
  void malformedCursorsAre400() {
    Http.Resp after = http.get(params("page[after]", "not-a-cursor"));
    Http.Resp before = http.get(params("page[before]", "run_abc"));

    assertThat(after.status).isEqualTo(400);
    assertThat(after.details().get(0).getAsJsonObject().getAsJsonArray("path").get(0).getAsString())
        .isEqualTo("page[after]");
    assertThat(before.status).isEqualTo(400);
  }
}
