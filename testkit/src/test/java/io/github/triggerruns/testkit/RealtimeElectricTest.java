package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The realtime feeds in Electric's wire format: chunked snapshots, partial updates, log offsets, its headers. */
class RealtimeElectricTest {
  private final MutableClock clock = MutableClock.at(Runs.NOW);
  private FakeTriggerServer server;

  private FakeTriggerServer start(FakeTriggerServer.Builder builder) {
    server = builder.runs(0).clock(clock).realtimeBackend(RealtimeBackend.ELECTRIC).build().start();
    server.addRun(Runs.run("run_a", "QUEUED", 5).tags("user:1", "vip").batch("batch_1")
        .updatedAt(Runs.NOW.minusSeconds(60)).build());
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private Http http() {
    return Http.to(server).header("x-trigger-electric-version", "1.0.0-beta.1");
  }

  private static List<String> friendlyIds(JsonArray messages) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonObject value = messages.get(i).getAsJsonObject().getAsJsonObject("value");
      if (value != null) {
        ids.add(value.get("friendlyId").getAsString());
      }
    }
    return ids;
  }

  private static boolean endsUpToDate(JsonArray messages) {
    return messages.size() > 0
        && messages.get(messages.size() - 1).toString().equals("{\"headers\":{\"control\":\"up-to-date\"}}");
  }

  @Test
  void aRunSnapshotIsPostgresTextWithElectricsHeaders() {
    start(FakeTriggerServer.builder());
    clock.advance(Duration.ofMillis(470));
    server.setStatus("run_a", "EXECUTING");
    Http.Resp resp = http().path("/realtime/v1/runs/run_a?offset=-1");
    assertThat(resp.status).isEqualTo(200);
    JsonArray messages = resp.messages();
    assertThat(messages).hasSize(2);
    assertThat(endsUpToDate(messages)).isTrue();
    JsonObject row = messages.get(0).getAsJsonObject().getAsJsonObject("value");
    assertThat(row.get("createdAt").getAsString()).isEqualTo("2025-07-20 09:55:00");
    assertThat(row.get("updatedAt").getAsString()).isEqualTo("2025-07-20 10:00:00.47");
    assertThat(row.get("runTags").getAsString()).isEqualTo("{user:1,vip}");
    assertThat(row.get("isTest").getAsString()).isEqualTo("f");
    assertThat(row.get("status").getAsString()).isEqualTo("EXECUTING");
    assertThat(resp.header("electric-handle").orElse(null)).matches("\\d+-\\d+");
    assertThat(resp.header("electric-offset")).contains("0_inf");
    assertThat(resp.header("electric-up-to-date").orElse(null)).isEmpty();
    assertThat(resp.header("electric-cursor")).isEmpty();
    assertThat(resp.header("electric-schema").orElse(null)).contains("\"id\":{\"type\":\"text\",\"not_null\":true,\"pk_index\":0}");
    assertThat(resp.header("cache-control").orElse(null)).startsWith("public, max-age=");
  }

  @Test
  void tagsThatNeedQuotingAreQuotedAsPostgresDoes() {
    start(FakeTriggerServer.builder());
    server.addRun(Runs.run("run_q", "QUEUED", 1).tags("a b", "x\"y", "NULL", "plain").build());
    JsonObject row = http().path("/realtime/v1/runs/run_q?offset=-1").messages().get(0).getAsJsonObject()
        .getAsJsonObject("value");
    assertThat(row.get("runTags").getAsString()).isEqualTo("{\"a b\",\"x\\\"y\",\"NULL\",plain}");
  }

  @Test
  void aTagSnapshotComesInChunksWithUpToDateOnlyOnTheLastThenLiveChanges() {
    start(FakeTriggerServer.builder().realtimeSnapshotChunkRows(2).realtimeHold(Duration.ofHours(1)));
    for (int i = 1; i <= 5; i++) {
      server.addRun(Runs.run("run_t" + i, "QUEUED", i).tags("team").build());
    }
    Http.Resp first = http().path("/realtime/v1/runs?tags=team&offset=-1");
    String handle = first.header("electric-handle").orElse(null);
    assertThat(friendlyIds(first.messages())).hasSize(2);
    assertThat(endsUpToDate(first.messages())).isFalse();
    assertThat(first.header("electric-up-to-date")).isEmpty();
    assertThat(first.header("electric-offset")).contains("0_2");

    Http.Resp second = http().path("/realtime/v1/runs?tags=team&offset=0_2&handle=" + handle);
    assertThat(friendlyIds(second.messages())).hasSize(2);
    assertThat(second.header("electric-offset")).contains("0_4");
    assertThat(endsUpToDate(second.messages())).isFalse();

    Http.Resp last = http().path("/realtime/v1/runs?tags=team&offset=0_4&handle=" + handle);
    assertThat(friendlyIds(last.messages())).hasSize(1);
    assertThat(endsUpToDate(last.messages())).isTrue();
    assertThat(last.header("electric-offset")).contains("0_inf");
    assertThat(last.header("electric-up-to-date").orElse(null)).isEmpty();
    List<String> all = new ArrayList<>(friendlyIds(first.messages()));
    all.addAll(friendlyIds(second.messages()));
    all.addAll(friendlyIds(last.messages()));
    assertThat(all).containsExactlyInAnyOrder("run_t1", "run_t2", "run_t3", "run_t4", "run_t5");

    clock.advance(Duration.ofSeconds(1));
    server.setStatus("run_t2", "EXECUTING");
    Http.Resp live = http().path("/realtime/v1/runs?tags=team&offset=0_inf&handle=" + handle + "&live=true");
    JsonArray changes = live.messages();
    assertThat(changes).hasSize(2);
    JsonObject update = changes.get(0).getAsJsonObject();
    assertThat(update.getAsJsonObject("headers").get("operation").getAsString()).isEqualTo("update");
    assertThat(update.getAsJsonObject("value").keySet()).containsExactlyInAnyOrder("id", "status", "updatedAt",
        "startedAt");
    assertThat(update.getAsJsonObject("value").get("status").getAsString()).isEqualTo("EXECUTING");
    assertThat(live.header("electric-offset").orElse(null)).matches("[1-9]\\d*_0");
    assertThat(live.header("electric-cursor")).isPresent();
    assertThat(live.header("electric-schema")).isEmpty();
    assertThat(live.header("cache-control")).contains("public, max-age=5, stale-while-revalidate=5");
  }

  @Test
  void anOffsetAlwaysAnswersTheSameChangesAndANewRunIsAnInsert() {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofHours(1)));
    Http.Resp snapshot = http().path("/realtime/v1/batches/batch_1?offset=-1");
    String handle = snapshot.header("electric-handle").orElse(null);
    clock.advance(Duration.ofSeconds(1));
    server.setStatus("run_a", "COMPLETED");
    server.addRun(Runs.run("run_c", "QUEUED", 0).batch("batch_1").updatedAt(clock.instant()).build());
    String catchUp = "/realtime/v1/batches/batch_1?offset=0_inf&handle=" + handle;
    Http.Resp once = http().path(catchUp);
    Http.Resp again = http().path(catchUp);
    assertThat(again.messages()).isEqualTo(once.messages());
    Map<String, String> operations = new java.util.LinkedHashMap<>();
    for (int i = 0; i < once.messages().size() - 1; i++) {
      JsonObject message = once.messages().get(i).getAsJsonObject();
      operations.put(message.get("key").getAsString(),
          message.getAsJsonObject("headers").get("operation").getAsString());
    }
    assertThat(operations).containsExactly(Map.entry("\"public\".\"TaskRun\"/\"cmc\"", "insert"),
        Map.entry("\"public\".\"TaskRun\"/\"cma\"", "update"));
    assertThat(once.header("electric-offset").orElse(null)).endsWith("_1");
    assertThat(once.header("electric-schema")).isPresent();

    String offset = once.header("electric-offset").orElse(null);
    Http.Resp quiet = http().path("/realtime/v1/batches/batch_1?offset=" + offset
        + "&handle=" + handle);
    assertThat(quiet.body).isEqualTo("[{\"headers\":{\"control\":\"up-to-date\"}}]");
    assertThat(quiet.header("electric-offset")).contains(offset);
  }

  @Test
  void aQuietLiveRequestIsHeldThenAnsweredUpToDateAtTheSameOffset() {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofMillis(100)));
    Http.Resp snapshot = http().path("/realtime/v1/runs/run_a?offset=-1");
    String handle = snapshot.header("electric-handle").orElse(null);
    Http.Resp live = http().path("/realtime/v1/runs/run_a?offset=0_inf&handle=" + handle + "&live=true");
    assertThat(live.body).isEqualTo("[{\"headers\":{\"control\":\"up-to-date\"}}]");
    assertThat(live.header("electric-offset")).contains("0_inf");
    assertThat(live.header("electric-up-to-date").orElse(null)).isEmpty();
    assertThat(live.header("electric-cursor")).isPresent();
  }

  @Test
  void anUnknownHandleOrOffsetMustRefetchWithAFreshHandle() {
    start(FakeTriggerServer.builder());
    String handle = http().path("/realtime/v1/runs/run_a?offset=-1").header("electric-handle").orElse(null);
    for (String query : new String[] {"offset=0_inf&handle=123-456", "offset=77_0&handle=" + handle}) {
      Http.Resp resp = http().path("/realtime/v1/runs/run_a?" + query);
      assertThat(resp.status).isEqualTo(409);
      assertThat(resp.body).isEqualTo("[{\"headers\":{\"control\":\"must-refetch\"}}]");
      assertThat(resp.header("electric-handle").orElse(null)).matches("\\d+-\\d+").isNotEqualTo(handle);
    }
  }

  @Test
  void withoutTheElectricVersionHeaderTheProxyRenamesHandleAndOffset() {
    start(FakeTriggerServer.builder());
    Http.Resp resp = Http.to(server).path("/realtime/v1/runs/run_a?offset=-1");
    assertThat(resp.header("electric-shape-id").orElse(null)).matches("\\d+-\\d+");
    assertThat(resp.header("electric-chunk-last-offset")).contains("0_inf");
    assertThat(resp.header("electric-handle")).isEmpty();
    assertThat(resp.headers.keySet().stream().map(String::toLowerCase).collect(Collectors.toList()))
        .contains("electric-up-to-date");
  }
}
