package io.github.triggerruns.testkit.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.FakeRun;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders runs and pages exactly as the live list endpoint does: field order of the live item,
 * absent fields omitted (never {@code null}), timestamps as {@code 2025-07-20T10:00:13.000Z}, and the
 * {@code is...} booleans derived from the status the client sees.
 */
public final class RunJson {
  // JavaScript's Date.prototype.toJSON: always three fraction digits and a literal Z.
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private RunJson() {}

  /** The list item for {@code run} as a client of the given API generation sees it. */
  public static JsonObject item(FakeRun run, boolean currentApi) {
    String status = RunStatuses.render(run.status(), currentApi);
    JsonObject o = new JsonObject();
    o.addProperty("id", run.id());
    o.addProperty("status", status);
    o.addProperty("taskIdentifier", run.taskIdentifier());
    optional(o, "version", run.version());
    JsonObject env = new JsonObject();
    optional(env, "id", run.envId());
    optional(env, "name", run.envName());
    optional(env, "user", run.envUser());
    o.add("env", env);
    optional(o, "idempotencyKey", run.idempotencyKey());
    o.addProperty("isTest", run.isTest());
    time(o, "createdAt", run.createdAt());
    time(o, "updatedAt", run.updatedAt());
    time(o, "startedAt", run.startedAt());
    time(o, "finishedAt", run.finishedAt());
    time(o, "delayedUntil", run.delayedUntil());
    time(o, "expiredAt", run.expiredAt());
    optional(o, "ttl", run.ttl());
    JsonArray tags = new JsonArray();
    run.tags().forEach(tags::add);
    o.add("tags", tags);
    o.add("costInCents", Json.number(run.costInCents()));
    o.add("baseCostInCents", Json.number(run.baseCostInCents()));
    o.add("durationMs", Json.number(run.durationMs()));
    booleans(o, status);
    JsonObject metadata = run.metadata();
    if (metadata != null) {
      o.add("metadata", metadata);
    }
    optional(o, "taskKind", run.taskKind());
    optional(o, "region", run.region());
    o.addProperty("depth", run.depth());
    return o;
  }

  /** The envelope {@code {"data":[...],"pagination":{...}}}; null cursors are omitted. */
  public static JsonObject page(
      List<FakeRun> runs, Cursor next, Cursor previous, boolean currentApi) {
    JsonArray data = new JsonArray();
    for (FakeRun run : runs) {
      data.add(item(run, currentApi));
    }
    JsonObject pagination = new JsonObject();
    if (next != null) {
      pagination.addProperty("next", next.encode());
    }
    if (previous != null) {
      pagination.addProperty("previous", previous.encode());
    }
    JsonObject envelope = new JsonObject();
    envelope.add("data", data);
    envelope.add("pagination", pagination);
    return envelope;
  }

  /** {@code instant} as the API writes it. */
  public static String time(Instant instant) {
    return ISO_MILLIS.format(instant);
  }

  // The live apiBooleanHelpersFromRunStatus, applied to the name the client sees.
  private static void booleans(JsonObject o, String status) {
    boolean isQueued =
        is(status, "QUEUED", "WAITING_FOR_DEPLOY", "DELAYED", "PENDING_VERSION");
    boolean isExecuting = is(status, "EXECUTING", "REATTEMPTING", "FROZEN", "DEQUEUED");
    boolean isCompleted =
        is(status, "COMPLETED", "CANCELED", "FAILED", "CRASHED", "INTERRUPTED", "SYSTEM_FAILURE");
    o.addProperty("isQueued", isQueued);
    o.addProperty("isExecuting", isExecuting);
    o.addProperty("isWaiting", status.equals("WAITING"));
    o.addProperty("isCompleted", isCompleted);
    o.addProperty("isSuccess", isCompleted && status.equals("COMPLETED"));
    o.addProperty("isFailed", isCompleted && !status.equals("COMPLETED"));
    o.addProperty("isCancelled", status.equals("CANCELED"));
  }

  private static boolean is(String status, String... names) {
    for (String name : names) {
      if (name.equals(status)) {
        return true;
      }
    }
    return false;
  }

  private static void optional(JsonObject o, String name, String value) {
    if (value != null) {
      o.addProperty(name, value);
    }
  }

  private static void time(JsonObject o, String name, Instant value) {
    if (value != null) {
      o.addProperty(name, time(value));
    }
  }
}
