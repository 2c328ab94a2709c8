package io.github.triggerruns.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunEnvironment;
import java.math.BigDecimal;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
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

  /** Writes generated models; timestamps as the API writes them. */
  private static final Gson MODEL_GSON = new GsonBuilder().disableHtmlEscaping()
      .registerTypeAdapter(OffsetDateTime.class, new TypeAdapter<OffsetDateTime>() {
        @Override
        public void write(JsonWriter out, OffsetDateTime value) throws IOException {
          out.value(API_TIME.format(value));
        }

        @Override
        public OffsetDateTime read(JsonReader in) {
          throw new UnsupportedOperationException("only written");
        }
      }.nullSafe())
      .create();

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
    // Fields a newer spec declares that the lines above do not name (e.g. region once declared): as the
    // generated model holds them, so growing the spec never drops a field from the output.
    JsonObject model = MODEL_GSON.toJsonTree(run.getItem()).getAsJsonObject();
    for (Map.Entry<String, JsonElement> declared : model.entrySet()) {
      if (!o.has(declared.getKey())) {
        o.add(declared.getKey(), declared.getValue());
      }
    }
    return o;
  }

  /** One field of the run by name, declared by the spec or not, as {@link #toJson} writes it; null if absent. */
  static @Nullable JsonElement field(Run run, String name) {
    JsonElement additional = run.getAdditionalField(name);
    return additional != null ? additional : toJson(run).get(name);
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
