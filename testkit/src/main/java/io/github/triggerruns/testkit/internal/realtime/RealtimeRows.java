package io.github.triggerruns.testkit.internal.realtime;

import com.google.gson.JsonObject;
import io.github.triggerruns.testkit.FakeRun;
import io.github.triggerruns.testkit.RealtimeBackend;
import io.github.triggerruns.testkit.internal.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A run as a realtime row: every value a string or null, booleans {@code t}/{@code f}, arrays as Postgres
 * literals ({@code runTags} null when empty), statuses in the database's names. The native backend
 * ({@code electricStreamProtocol.server.ts}) writes timestamps as ISO without the zone and quotes every array
 * element; Electric sends Postgres' text output: {@code 2024-11-05 10:46:23.47} and elements quoted only when
 * they must be.
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
  private static final DateTimeFormatter POSTGRES_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** Characters that make Postgres quote an array element (besides empty and NULL). */
  private static final Pattern NEEDS_QUOTES = Pattern.compile("[{},\"\\\\\\s]");

  /** JSON.stringify: null columns are written, not dropped. */
  private static final com.google.gson.Gson WIRE =
      new com.google.gson.GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private RealtimeRows() {}

  /** A change message: {@code {"key":...,"value":{...},"headers":{"operation":...}}}. */
  public static String message(String key, String operation, JsonObject value) {
    JsonObject message = new JsonObject();
    message.addProperty("key", key);
    message.add("value", value);
    JsonObject headers = new JsonObject();
    headers.addProperty("operation", operation);
    message.add("headers", headers);
    return WIRE.toJson(message);
  }

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

  /** The row's {@code value} as {@code backend} writes it, without the skipped columns. */
  public static JsonObject value(FakeRun run, Set<String> skip, RealtimeBackend backend) {
    JsonObject value = new JsonObject();
    for (String column : COLUMNS) {
      if (!skip.contains(column)) {
        String text = column(run, column, backend);
        if (text == null) {
          value.add(column, com.google.gson.JsonNull.INSTANCE);
        } else {
          value.addProperty(column, text);
        }
      }
    }
    return value;
  }

  /**
   * The {@code electric-schema} header for the column set. Electric also marks the primary key
   * ({@code pk_index}, {@code not_null}); the native backend does not.
   */
  public static String schemaHeader(Set<String> skip, RealtimeBackend backend) {
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
      if (backend == RealtimeBackend.ELECTRIC && column.equals("id")) {
        type.addProperty("not_null", true);
        type.addProperty("pk_index", 0);
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

  private static String column(FakeRun run, String column, RealtimeBackend backend) {
    switch (column) {
      case "id":
        return internalId(run);
      case "taskIdentifier":
        return run.taskIdentifier();
      case "createdAt":
      case "queuedAt":
        return timestamp(run.createdAt(), backend);
      case "updatedAt":
        return timestamp(run.updatedAt(), backend);
      case "startedAt":
        return timestamp(run.startedAt(), backend);
      case "delayUntil":
        return timestamp(run.delayedUntil(), backend);
      case "expiredAt":
        return timestamp(run.expiredAt(), backend);
      case "completedAt":
        return timestamp(run.finishedAt(), backend);
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
        return run.tags().isEmpty() ? null : arrayLiteral(run.tags(), backend);
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

  /**
   * Native: ISO without the trailing Z, as {@code toISOString().slice(0, -1)}. Electric: Postgres' text output
   * of a {@code timestamp(3)}: a space, no zone, the fraction's trailing zeros (and a bare dot) trimmed.
   */
  static String timestamp(Instant at, RealtimeBackend backend) {
    if (at == null) {
      return null;
    }
    LocalDateTime utc = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    if (backend == RealtimeBackend.NATIVE) {
      return MILLIS.format(utc);
    }
    String fraction = String.format("%03d", utc.getNano() / 1_000_000).replaceFirst("0+$", "");
    return POSTGRES_SECONDS.format(utc) + (fraction.isEmpty() ? "" : "." + fraction);
  }

  /** JavaScript's {@code String(number)} for the values the fake holds. */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
        : Double.toString(value);
  }

  /**
   * Native: {@code {"a","b"}}, every element quoted ({@code pgArrayLiteral}). Electric: Postgres' array output,
   * an element quoted only when empty, {@code NULL}, or holding braces, commas, quotes, backslashes or space.
   * Backslashes and quotes are escaped inside quotes.
   */
  static String arrayLiteral(List<String> values, RealtimeBackend backend) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String value = values.get(i);
      boolean quote = backend == RealtimeBackend.NATIVE || value.isEmpty() || value.equalsIgnoreCase("NULL")
          || NEEDS_QUOTES.matcher(value).find();
      if (quote) {
        out.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else {
        out.append(value);
      }
    }
    return out.append('}').toString();
  }

}
