package io.github.triggerruns.testkit.internal.realtime;

import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.internal.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A run as a realtime row, as {@code electricStreamProtocol.server.ts} serializes it: every value a
 * string or null, timestamps ISO without the zone (UTC), booleans {@code t}/{@code f}, arrays as
 * Postgres literals ({@code runTags} null when empty), statuses in the database's names.
 */
public final class RealtimeRows {
  /** The columns in the server's order ({@code RUN_ELECTRIC_COLUMNS}). */
  public static final List<String> COLUMNS = List.of("id", "taskIdentifier", "createdAt", "updatedAt",
      "startedAt", "delayUntil", "queuedAt", "expiredAt", "completedAt", "friendlyId", "number", "isTest",
      "status", "usageDurationMs", "costInCents", "baseCostInCents", "ttl", "payload", "payloadType",
      "metadata", "metadataType", "output", "outputType", "runTags", "error", "realtimeStreams");

  /** Columns never skipped ({@code RESERVED_COLUMNS}). */
  public static final Set<String> RESERVED =
      Set.of("id", "taskIdentifier", "friendlyId", "status", "createdAt");

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

  private RealtimeRows() {}

  /** The skip list the server applies: blanks and reserved columns dropped. */
  public static Set<String> effectiveSkip(List<String> requested) {
    Set<String> skip = new LinkedHashSet<>();
    for (String column : requested) {
      String c = column.strip();
      if (!c.isEmpty() && !RESERVED.contains(c)) {
        skip.add(c);
      }
    }
    return Collections.unmodifiableSet(skip);
  }

  /** The database's internal id of a run (the row's {@code id}; the friendly id is {@code friendlyId}). */
  public static String internalId(FakeRun run) {
    return "cm" + run.id().replaceFirst("^run_", "");
  }

  /** The change message key of a run. */
  public static String key(FakeRun run) {
    return "\"public\".\"TaskRun\"/\"" + internalId(run) + "\"";
  }

  /** The row's {@code value}, without the skipped columns. */
  public static JsonObject value(FakeRun run, Set<String> skip) {
    JsonObject value = new JsonObject();
    for (String column : COLUMNS) {
      if (!skip.contains(column)) {
        String text = column(run, column);
        if (text == null) {
          value.add(column, com.google.gson.JsonNull.INSTANCE);
        } else {
          value.addProperty(column, text);
        }
      }
    }
    return value;
  }

  /** The {@code electric-schema} header for the column set. */
  public static String schemaHeader(Set<String> skip) {
    JsonObject schema = new JsonObject();
    for (String column : COLUMNS) {
      if (skip.contains(column)) {
        continue;
      }
      JsonObject type = new JsonObject();
      type.addProperty("type", type(column));
      if (column.equals("runTags") || column.equals("realtimeStreams")) {
        type.addProperty("dims", 1);
      }
      schema.add(column, type);
    }
    return Json.compact(schema);
  }

  /**
   * The database status behind an API status: the inverse of the SDK's {@code apiStatusFromRunStatus}
   * for the names the fake stores (it stores API names, legacy ones included).
   */
  public static String databaseStatus(String status) {
    switch (status) {
      case "QUEUED":
        return "PENDING";
      case "WAITING":
        return "WAITING_TO_RESUME";
      case "FROZEN":
        return "PAUSED";
      case "REATTEMPTING":
        return "RETRYING_AFTER_FAILURE";
      case "COMPLETED":
        return "COMPLETED_SUCCESSFULLY";
      case "FAILED":
        return "COMPLETED_WITH_ERRORS";
      default:
        return status;
    }
  }

  private static String column(FakeRun run, String column) {
    switch (column) {
      case "id":
        return internalId(run);
      case "taskIdentifier":
        return run.taskIdentifier();
      case "createdAt":
      case "queuedAt":
        return timestamp(run.createdAt());
      case "updatedAt":
        return timestamp(run.updatedAt());
      case "startedAt":
        return timestamp(run.startedAt());
      case "delayUntil":
        return timestamp(run.delayedUntil());
      case "expiredAt":
        return timestamp(run.expiredAt());
      case "completedAt":
        return timestamp(run.finishedAt());
      case "friendlyId":
        return run.id();
      case "number":
        // The fake keeps no per-task counter; a stable number from the id stands in.
        return Integer.toString(1 + Math.floorMod(run.id().hashCode(), 10_000));
      case "isTest":
        return run.isTest() ? "t" : "f";
      case "status":
        return databaseStatus(run.status());
      case "usageDurationMs":
        return Long.toString(run.durationMs());
      case "costInCents":
        return number(run.costInCents());
      case "baseCostInCents":
        return number(run.baseCostInCents());
      case "ttl":
        return run.ttl();
      case "payload":
        return "{}";
      case "payloadType":
      case "metadataType":
      case "outputType":
        return "application/json";
      case "metadata":
        JsonObject metadata = run.metadata();
        return metadata == null ? null : Json.compact(metadata);
      case "output":
      case "error":
        return null;
      case "runTags":
        return run.tags().isEmpty() ? null : arrayLiteral(run.tags());
      case "realtimeStreams":
        return "{}";
      default:
        throw new IllegalArgumentException("no column " + column);
    }
  }

  private static String type(String column) {
    switch (column) {
      case "createdAt":
      case "updatedAt":
      case "startedAt":
      case "delayUntil":
      case "queuedAt":
      case "expiredAt":
      case "completedAt":
        return "timestamp";
      case "number":
      case "usageDurationMs":
        return "int4";
      case "costInCents":
      case "baseCostInCents":
        return "float8";
      case "isTest":
        return "bool";
      case "error":
        return "jsonb";
      default:
        return "text";
    }
  }

  /** ISO without the trailing Z, as {@code toISOString().slice(0, -1)}. */
  static String timestamp(Instant at) {
    return at == null ? null : MILLIS.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  /** JavaScript's {@code String(number)} for the values the fake holds. */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : Double.toString(value);
  }

  /** {@code {"a","b"}} with backslashes and quotes escaped ({@code pgArrayLiteral}). */
  static String arrayLiteral(List<String> values) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append('}').toString();
  }

}
