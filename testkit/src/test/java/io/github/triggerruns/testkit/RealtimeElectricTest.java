package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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

  private static JsonArray messages(Http.Resp resp) {
    return JsonParser.parseString(resp.body).getAsJsonArray();
  }

  private static String header(Http.Resp resp, String name) {
    List<String> values = resp.headers.get(name);
    return values == null ? null : values.get(0);
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
    JsonArray messages = messages(resp);
    assertThat(messages).hasSize(2);
    assertThat(endsUpToDate(messages)).isTrue();
    JsonObject row = messages.get(0).getAsJsonObject().getAsJsonObject("value");
    assertThat(row.get("createdAt").getAsString()).isEqualTo("2025-07-20 09:55:00");
    assertThat(row.get("updatedAt").getAsString()).isEqualTo("2025-07-20 10:00:00.47");
    assertThat(row.get("runTags").getAsString()).isEqualTo("{user:1,vip}");
    assertThat(row.get("isTest").getAsString()).isEqualTo("f");
    assertThat(row.get("status").getAsString()).isEqualTo("EXECUTING");
    assertThat(header(resp, "electric-handle")).matches("\\d+-\\d+");
    assertThat(header(resp, "electric-offset")).isEqualTo("0_inf");
    assertThat(header(resp, "electric-up-to-date")).isEmpty();
    assertThat(header(resp, "electric-cursor")).isNull();
    assertThat(header(resp, "electric-schema")).contains("\"id\":{\"type\":\"text\",\"not_null\":true,\"pk_index\":0}");
    assertThat(header(resp, "cache-control")).startsWith("public, max-age=");
  }

  @Test
  void tagsThatNeedQuotingAreQuotedAsPostgresDoes() {
    start(FakeTriggerServer.builder());
    server.addRun(Runs.run("run_q", "QUEUED", 1).tags("a b", "x\"y", "NULL", "plain").build());
    JsonObject row = messages(http().path("/realtime/v1/runs/run_q?offset=-1")).get(0).getAsJsonObject()
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
    String handle = header(first, "electric-handle");
    assertThat(friendlyIds(messages(first))).hasSize(2);
    assertThat(endsUpToDate(messages(first))).isFalse();
    assertThat(header(first, "electric-up-to-date")).isNull();
    assertThat(header(first, "electric-offset")).isEqualTo("0_2");

    Http.Resp second = http().path("/realtime/v1/runs?tags=team&offset=0_2&handle=" + handle);
    assertThat(friendlyIds(messages(second))).hasSize(2);
    assertThat(header(second, "electric-offset")).isEqualTo("0_4");
    assertThat(endsUpToDate(messages(second))).isFalse();

    Http.Resp last = http().path("/realtime/v1/runs?tags=team&offset=0_4&handle=" + handle);
    assertThat(friendlyIds(messages(last))).hasSize(1);
    assertThat(endsUpToDate(messages(last))).isTrue();
    assertThat(header(last, "electric-offset")).isEqualTo("0_inf");
    assertThat(header(last, "electric-up-to-date")).isEmpty();
    List<String> all = new ArrayList<>(friendlyIds(messages(first)));
    all.addAll(friendlyIds(messages(second)));
    all.addAll(friendlyIds(messages(last)));
    assertThat(all).containsExactlyInAnyOrder("run_t1", "run_t2", "run_t3", "run_t4", "run_t5");

    clock.advance(Duration.ofSeconds(1));
    server.setStatus("run_t2", "EXECUTING");
    Http.Resp live = http().path("/realtime/v1/runs?tags=team&offset=0_inf&handle=" + handle + "&live=true");
    JsonArray changes = messages(live);
    assertThat(changes).hasSize(2);
    JsonObject update = changes.get(0).getAsJsonObject();
    assertThat(update.getAsJsonObject("headers").get("operation").getAsString()).isEqualTo("update");
    assertThat(update.getAsJsonObject("value").keySet()).containsExactlyInAnyOrder("id", "status", "updatedAt",
        "startedAt");
    assertThat(update.getAsJsonObject("value").get("status").getAsString()).isEqualTo("EXECUTING");
    assertThat(header(live, "electric-offset")).matches("[1-9]\\d*_0");
    assertThat(header(live, "electric-cursor")).isNotNull();
    assertThat(header(live, "electric-schema")).isNull();
    assertThat(header(live, "cache-control")).isEqualTo("public, max-age=5, stale-while-revalidate=5");
  }

  @Test
  void anOffsetAlwaysAnswersTheSameChangesAndANewRunIsAnInsert() {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofHours(1)));
    Http.Resp snapshot = http().path("/realtime/v1/batches/batch_1?offset=-1");
    String handle = header(snapshot, "electric-handle");
    clock.advance(Duration.ofSeconds(1));
    server.setStatus("run_a", "COMPLETED");
    server.addRun(Runs.run("run_c", "QUEUED", 0).batch("batch_1").updatedAt(clock.instant()).build());
    String catchUp = "/realtime/v1/batches/batch_1?offset=0_inf&handle=" + handle;
    Http.Resp once = http().path(catchUp);
    Http.Resp again = http().path(catchUp);
    assertThat(messages(again)).isEqualTo(messages(once));
    Map<String, String> operations = new java.util.LinkedHashMap<>();
    for (int i = 0; i < messages(once).size() - 1; i++) {
      JsonObject message = messages(once).get(i).getAsJsonObject();
      operations.put(message.get("key").getAsString(),
          message.getAsJsonObject("headers").get("operation").getAsString());
    }
    assertThat(operations).containsExactly(Map.entry("\"public\".\"TaskRun\"/\"cmc\"", "insert"),
        Map.entry("\"public\".\"TaskRun\"/\"cma\"", "update"));
    assertThat(header(once, "electric-offset")).endsWith("_1");
    assertThat(header(once, "electric-schema")).isNotNull();

    Http.Resp quiet = http().path("/realtime/v1/batches/batch_1?offset=" + header(once, "electric-offset")
        + "&handle=" + handle);
    assertThat(quiet.body).isEqualTo("[{\"headers\":{\"control\":\"up-to-date\"}}]");
    assertThat(header(quiet, "electric-offset")).isEqualTo(header(once, "electric-offset"));
  }

  @Test
  void aQuietLiveRequestIsHeldThenAnsweredUpToDateAtTheSameOffset() {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofMillis(100)));
    Http.Resp snapshot = http().path("/realtime/v1/runs/run_a?offset=-1");
    String handle = header(snapshot, "electric-handle");
    Http.Resp live = http().path("/realtime/v1/runs/run_a?offset=0_inf&handle=" + handle + "&live=true");
    assertThat(live.body).isEqualTo("[{\"headers\":{\"control\":\"up-to-date\"}}]");
    assertThat(header(live, "electric-offset")).isEqualTo("0_inf");
    assertThat(header(live, "electric-up-to-date")).isEmpty();
    assertThat(header(live, "electric-cursor")).isNotNull();
  }

  @Test
  void anUnknownHandleOrOffsetMustRefetchWithAFreshHandle() {
    start(FakeTriggerServer.builder());
    String handle = header(http().path("/realtime/v1/runs/run_a?offset=-1"), "electric-handle");
    for (String query : new String[] {"offset=0_inf&handle=123-456", "offset=77_0&handle=" + handle}) {
      Http.Resp resp = http().path("/realtime/v1/runs/run_a?" + query);
      assertThat(resp.status).isEqualTo(409);
      assertThat(resp.body).isEqualTo("[{\"headers\":{\"control\":\"must-refetch\"}}]");
      assertThat(header(resp, "electric-handle")).matches("\\d+-\\d+").isNotEqualTo(handle);
    }
  }

  @Test
  void withoutTheElectricVersionHeaderTheProxyRenamesHandleAndOffset() {
    start(FakeTriggerServer.builder());
    Http.Resp resp = Http.to(server).path("/realtime/v1/runs/run_a?offset=-1");
    assertThat(header(resp, "electric-shape-id")).matches("\\d+-\\d+");
    assertThat(header(resp, "electric-chunk-last-offset")).isEqualTo("0_inf");
    assertThat(header(resp, "electric-handle")).isNull();
    assertThat(resp.headers.keySet().stream().map(String::toLowerCase).collect(Collectors.toList()))
        .contains("electric-up-to-date");
  }
}
