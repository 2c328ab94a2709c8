package io.github.triggerruns.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The realtime feeds: the native backend's wire format, holding, the connection cap and faults. */
class RealtimeTest {
  private final MutableClock clock = MutableClock.at(Runs.NOW);
  private FakeTriggerServer server;

  private FakeTriggerServer start(FakeTriggerServer.Builder builder) {
    server = builder.runs(0).clock(clock).build().start();
    server.addRun(Runs.run("run_a", "QUEUED", 5).tags("user:1", "vip").batch("batch_1")
        .updatedAt(Runs.NOW.minusSeconds(60)).build());
    server.addRun(Runs.run("run_b", "EXECUTING", 10).tags("user:1").batch("batch_1")
        .updatedAt(Runs.NOW.minusSeconds(50)).build());
    server.addRun(Runs.run("run_old", "QUEUED", Duration.ofDays(2)).tags("user:1", "vip").build());
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

  private static JsonObject value(JsonArray messages, int i) {
    return messages.get(i).getAsJsonObject().getAsJsonObject("value");
  }

  private static String header(Http.Resp resp, String name) {
    List<String> values = resp.headers.get(name);
    return values == null ? null : values.get(0);
  }

  @Test
  void aRunSnapshotIsOneInsertOfTheRowThenUpToDate() {
    start(FakeTriggerServer.builder());
    Http.Resp resp = http().path("/realtime/v1/runs/run_a?offset=-1");
    assertThat(resp.status).isEqualTo(200);
    JsonArray messages = messages(resp);
    assertThat(messages).hasSize(2);
    JsonObject insert = messages.get(0).getAsJsonObject();
    assertThat(insert.getAsJsonObject("headers").get("operation").getAsString()).isEqualTo("insert");
    assertThat(insert.get("key").getAsString()).isEqualTo("\"public\".\"TaskRun\"/\"cma\"");
    JsonObject row = value(messages, 0);
    assertThat(row.get("friendlyId").getAsString()).isEqualTo("run_a");
    assertThat(row.get("status").getAsString()).isEqualTo("PENDING");
    assertThat(row.get("runTags").getAsString()).isEqualTo("{\"user:1\",\"vip\"}");
    assertThat(row.get("createdAt").getAsString()).isEqualTo("2025-07-20T09:55:00.000");
    assertThat(row.get("isTest").getAsString()).isEqualTo("f");
    assertThat(row.get("completedAt").isJsonNull()).isTrue();
    assertThat(messages.get(1).toString()).isEqualTo("{\"headers\":{\"control\":\"up-to-date\"}}");
    assertThat(header(resp, "electric-handle")).isEqualTo("run-run_a");
    assertThat(header(resp, "electric-offset")).startsWith(Runs.NOW.minusSeconds(60).toEpochMilli() + "_");
    assertThat(header(resp, "electric-cursor")).isNull();
    assertThat(header(resp, "electric-schema")).contains("\"runTags\":{\"type\":\"text\",\"dims\":1}");
  }

  @Test
  void withoutTheElectricVersionHeaderTheLegacyHeaderNamesAreSent() {
    start(FakeTriggerServer.builder());
    Http.Resp resp = Http.to(server).path("/realtime/v1/runs/run_a?offset=-1");
    assertThat(header(resp, "electric-shape-id")).isEqualTo("run-run_a");
    assertThat(header(resp, "electric-chunk-last-offset")).isNotNull();
    assertThat(header(resp, "electric-handle")).isNull();
  }

  @Test
  void skippedColumnsAreLeftOutExceptReservedOnes() {
    start(FakeTriggerServer.builder());
    JsonObject row = value(messages(http().path("/realtime/v1/runs/run_a?offset=-1&skipColumns=payload,status,metadata")), 0);
    assertThat(row.has("payload")).isFalse();
    assertThat(row.has("metadata")).isFalse();
    assertThat(row.has("status")).isTrue();
  }

  @Test
  void aQuietLiveRequestIsHeldThenAnsweredUpToDateWithACursor() {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofMillis(100)));
    Http.Resp snapshot = http().path("/realtime/v1/runs/run_a?offset=-1");
    String offset = header(snapshot, "electric-offset");
    Http.Resp live = http().path("/realtime/v1/runs/run_a?offset=" + offset + "&handle=run-run_a&live=true");
    assertThat(live.body).isEqualTo("[{\"headers\":{\"control\":\"up-to-date\"}}]");
    assertThat(header(live, "electric-offset")).isEqualTo(offset);
    assertThat(header(live, "electric-cursor")).isNotNull();
  }

  @Test
  void aStatusChangeWakesTheHeldRequestWithTheFullRow() throws Exception {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofHours(1)));
    String offset = header(http().path("/realtime/v1/runs/run_a?offset=-1"), "electric-offset");
    CompletableFuture<Http.Resp> live = CompletableFuture.supplyAsync(() ->
        http().path("/realtime/v1/runs/run_a?offset=" + offset + "&handle=run-run_a&live=true"));
    clock.advance(Duration.ofSeconds(1));
    server.setStatus("run_a", "COMPLETED");
    // Held for an hour unless the change wakes it; the bound only stops a broken test from hanging.
    Http.Resp resp = live.get(30, TimeUnit.SECONDS);
    JsonArray messages = messages(resp);
    assertThat(messages.get(0).getAsJsonObject().getAsJsonObject("headers").get("operation").getAsString())
        .isEqualTo("update");
    JsonObject row = value(messages, 0);
    assertThat(row.get("status").getAsString()).isEqualTo("COMPLETED_SUCCESSFULLY");
    assertThat(row.get("completedAt").getAsString()).isEqualTo("2025-07-20T10:00:01.000");
    assertThat(row.get("friendlyId").getAsString()).isEqualTo("run_a");
    assertThat(header(resp, "electric-offset")).startsWith(Runs.NOW.plusSeconds(1).toEpochMilli() + "_");
  }

  @Test
  void theTagFeedNeedsEveryTagAndKeepsToItsWindow() {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofMillis(50)));
    Http.Resp snapshot = http().path("/realtime/v1/runs?tags=user%3A1,vip&offset=-1");
    JsonArray messages = messages(snapshot);
    assertThat(messages).hasSize(2);
    assertThat(value(messages, 0).get("friendlyId").getAsString()).isEqualTo("run_a");
    assertThat(header(snapshot, "electric-handle")).startsWith("runs_");

    Http.Resp wider = http().path("/realtime/v1/runs?tags=user%3A1&createdAt=7m&offset=-1");
    assertThat(messages(wider)).hasSize(2);
    assertThat(value(messages(wider), 0).get("friendlyId").getAsString()).isEqualTo("run_a");

    Http.Resp bad = http().path("/realtime/v1/runs?tags=a%22b&offset=-1");
    assertThat(bad.status).isEqualTo(400);
    assertThat(bad.body).contains("Invalid tag");
  }

  @Test
  void theBatchFeedSendsOnlyRunsThatChangedOrJoined() throws Exception {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofHours(1)));
    Http.Resp snapshot = http().path("/realtime/v1/batches/batch_1?offset=-1");
    assertThat(messages(snapshot)).hasSize(3);
    String handle = header(snapshot, "electric-handle");
    String offset = header(snapshot, "electric-offset");
    clock.advance(Duration.ofSeconds(1));
    server.setStatus("run_b", "FAILED");
    Http.Resp live = http().path("/realtime/v1/batches/batch_1?offset=" + offset + "&handle=" + handle + "&live=true");
    JsonArray changed = messages(live);
    assertThat(changed).hasSize(2);
    assertThat(value(changed, 0).get("friendlyId").getAsString()).isEqualTo("run_b");
    assertThat(value(changed, 0).get("status").getAsString()).isEqualTo("COMPLETED_WITH_ERRORS");

    server.addRun(Runs.run("run_c", "QUEUED", 0).batch("batch_1").updatedAt(clock.instant()).build());
    Http.Resp joined = http().path("/realtime/v1/batches/batch_1?offset=" + header(live, "electric-offset")
        + "&handle=" + handle + "&live=true");
    JsonObject insert = messages(joined).get(0).getAsJsonObject();
    assertThat(insert.getAsJsonObject("headers").get("operation").getAsString()).isEqualTo("insert");
    assertThat(insert.getAsJsonObject("value").get("friendlyId").getAsString()).isEqualTo("run_c");

    assertThat(http().path("/realtime/v1/batches/batch_none?offset=-1").status).isEqualTo(404);
  }

  @Test
  void liveRequestsOverTheConnectionCapGet429() throws Exception {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofHours(1)).realtimeConnectionLimit(1));
    String offset = header(http().path("/realtime/v1/runs/run_a?offset=-1"), "electric-offset");
    String live = "/realtime/v1/runs/run_a?offset=" + offset + "&handle=run-run_a&live=true";
    CompletableFuture<Http.Resp> first = CompletableFuture.supplyAsync(() -> http().path(live));
    while (server.heldRealtimeRequests() < 1) {
      Thread.onSpinWait();
    }
    Http.Resp second = http().path(live);
    assertThat(second.status).isEqualTo(429);
    assertThat(second.body).isEqualTo("{\"error\":\"Too many concurrent requests\"}");
    clock.advance(Duration.ofSeconds(1));
    server.setStatus("run_a", "EXECUTING");
    assertThat(first.get(30, TimeUnit.SECONDS).status).isEqualTo(200);
    assertThat(server.peakHeldRealtimeRequests()).isEqualTo(1);
  }

  @Test
  void queuedFaultsMeetTheNextLiveRequestsInOrder() throws Exception {
    start(FakeTriggerServer.builder().realtimeHold(Duration.ofMillis(100)));
    String offset = header(http().path("/realtime/v1/runs/run_a?offset=-1"), "electric-offset");
    String live = "/realtime/v1/runs/run_a?offset=" + offset + "&handle=run-run_a&live=true";
    server.queueRealtimeFaults(RealtimeFault.MUST_REFETCH, RealtimeFault.TOO_MANY_CONNECTIONS,
        RealtimeFault.DROP_MID_HOLD);

    Http.Resp refetch = http().path(live);
    assertThat(refetch.status).isEqualTo(409);
    assertThat(refetch.body).isEqualTo("[{\"headers\":{\"control\":\"must-refetch\"}}]");
    assertThat(header(refetch, "electric-handle")).startsWith("run-run_a-next-");
    assertThat(http().path(live).status).isEqualTo(429);
    RawHttp.Exchange dropped = RawHttp.get(server, live, 30_000);
    assertThat(dropped.head).isNull();
    assertThat(dropped.body).isEmpty();
    assertThat(http().path(live).status).isEqualTo(200);
  }

  @Test
  void realtimeNeedsTheKeyAndDoesNotCountAgainstTheApi() {
    start(FakeTriggerServer.builder());
    assertThat(Http.bare(server).path("/realtime/v1/runs/run_a?offset=-1").status).isEqualTo(401);
    assertThat(http().header("Authorization", "Bearer tr_dev_other").path("/realtime/v1/runs/run_a?offset=-1")
        .status).isEqualTo(401);
    assertThat(http().path("/realtime/v1/runs/run_zzz?offset=-1").status).isEqualTo(404);
    assertThat(server.requestCount()).isZero();
    assertThat(server.realtimeRequestCount()).isEqualTo(3);
  }
}
