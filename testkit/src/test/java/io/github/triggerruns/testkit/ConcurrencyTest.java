package io.github.triggerruns.testkit;

import static io.github.triggerruns.testkit.Http.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  @Test
  void parallelClientsPageConsistentlyWhileRunsAreAddedAndChanged() throws Exception {
    try (FakeTriggerServer server =
        FakeTriggerServer.builder()
            .runs(300)
            .clock(MutableClock.at(Runs.NOW))
            .rateLimit(RateLimit.unlimited())
            .build()
            .start()) {
      List<String> original = server.runs().stream().map(FakeRun::id).collect(Collectors.toList());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<List<JsonObject>>> pages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          pages.add(pool.submit(
              () -> Http.to(server).all(params("filter[createdAt][from]", "1", "page[size]", "20"))));
        }
        for (int i = 0; i < 20; i++) {
          server.addRun();
          server.setStatus(original.get(i * 10), "CANCELED");
        }
        for (Future<List<JsonObject>> page : pages) {
          List<String> ids =
              page.get().stream().map(j -> j.get("id").getAsString()).collect(Collectors.toList());
          assertThat(ids).doesNotHaveDuplicates();
          // Runs added meanwhile are newer than every cursor; the original runs all appear, once.
          assertThat(ids.stream().filter(original::contains).collect(Collectors.toList()))
              .containsExactlyElementsOf(original);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
