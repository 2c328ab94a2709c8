package io.github.triggerruns.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunEnvironment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A run as JSON, the way the API sent it: the same field names and order, absent fields left out,
 * timestamps with milliseconds, and every field the spec does not declare ({@code isSuccess},
 * {@code metadata}, {@code region}, ... and whatever the server adds next) kept as received.
 */
final class RunJson {
  /** Compact, no HTML escaping: output is for jq and programs, and tags may hold {@code <} or {@code =}. */
  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  // JavaScript's Date.toJSON, which the API uses: always three fraction digits and a Z.
  private static final DateTimeFormatter API_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private RunJson() {}

  static JsonObject toJson(Run run) {
    JsonObject o = new JsonObject();
    o.addProperty("id", run.getId());
    o.addProperty("status", run.getStatus().getValue());
    o.addProperty("taskIdentifier", run.getTaskIdentifier());
    optional(o, "version", run.getVersion());
    RunEnvironment env = run.getEnvironment();
    JsonObject envJson = new JsonObject();
    optional(envJson, "id", env.getId());
    optional(envJson, "name", env.getName());
    optional(envJson, "user", env.getUser());
    o.add("env", envJson);
    optional(o, "idempotencyKey", run.getIdempotencyKey());
    if (run.getItem().getIsTest() != null) {
      o.addProperty("isTest", run.isTest());
    }
    time(o, "createdAt", run.getCreatedAt());
    time(o, "updatedAt", run.getUpdatedAt());
    time(o, "startedAt", run.getStartedAt());
    time(o, "finishedAt", run.getFinishedAt());
    time(o, "delayedUntil", run.getDelayedUntil());
    time(o, "expiredAt", run.getExpiredAt());
    if (run.getItem().getTtl() != null) {
      o.add("ttl", run.getItem().getTtl().getJson()); // as sent: a string like "1h42m", or a number of seconds
    }
    JsonArray tags = new JsonArray();
    run.getTags().forEach(tags::add);
    o.add("tags", tags);
    number(o, "costInCents", run.getCostInCents());
    number(o, "baseCostInCents", run.getBaseCostInCents());
    number(o, "durationMs", run.getItem().getDurationMs());
    for (Map.Entry<String, JsonElement> extra : run.getAdditionalFields().entrySet()) {
      o.add(extra.getKey(), extra.getValue());
    }
    return o;
  }

  /** {@code instant} as the API writes timestamps. */
  static @Nullable String time(@Nullable Instant instant) {
    return instant == null ? null : API_TIME.format(instant);
  }

  private static void optional(JsonObject o, String name, @Nullable String value) {
    if (value != null) {
      o.addProperty(name, value);
    }
  }

  private static void time(JsonObject o, String name, @Nullable Instant value) {
    optional(o, name, time(value));
  }

  private static void number(JsonObject o, String name, @Nullable BigDecimal value) {
    if (value != null) {
      o.addProperty(name, value);
    }
  }
}
