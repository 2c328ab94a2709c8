package io.github.triggerruns.testkit;

import static io.github.triggerruns.testkit.Http.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShortPagesTest {
  static FakeTriggerServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server =
        FakeTriggerServer.builder()
            .runs(400)
            .shortPages(0.5)
            .clock(MutableClock.at(Runs.NOW))
            .build()
            .start();
    http = Http.to(server);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void shortAndEmptyPagesWithNextLoseAndRepeatNothing() {
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    Map<String, String> p = params("filter[createdAt][from]", "1", "page[size]", "10");
    while (true) {
      Http.Resp r = http.get(p);
      seen.addAll(r.ids());
      sizes.add(r.ids().size());
      if (r.next().isEmpty()) {
        break;
      }
      p.put("page[after]", r.next().get());
    }

    assertThat(seen)
        .containsExactlyElementsOf(server.runs().stream().map(FakeRun::id).collect(Collectors.toList()));
    List<Integer> beforeLast = sizes.subList(0, sizes.size() - 1);
    assertThat(beforeLast).as("pages shorter than page[size] while next is present").anyMatch(n -> n < 10);
    assertThat(beforeLast).as("empty pages while next is present").contains(0);
  }

  @Test
  void aShortPageIsTheSameOnEveryRetry() {
    Map<String, String> p = params("filter[createdAt][from]", "1", "page[size]", "10");
    for (int i = 0; i < 20; i++) {
      Http.Resp a = http.get(p);
      Http.Resp b = http.get(p);
      assertThat(b.body).isEqualTo(a.body);
      p.put("page[after]", a.next().get());
    }
  }

  @Test
  void withoutShortPagesEveryPageIsFull() {
    FakeTriggerServer full = FakeTriggerServer.builder().runs(100).build().start();
    try {
      Map<String, String> p = params("filter[createdAt][from]", "1", "page[size]", "10");
      for (int i = 0; i < 10; i++) {
        Http.Resp r = Http.to(full).get(p);
        assertThat(r.ids()).hasSize(10);
        r.next().ifPresent(n -> p.put("page[after]", n));
      }
    } finally {
      full.stop();
    }
  }
}
