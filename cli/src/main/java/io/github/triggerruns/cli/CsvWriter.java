package io.github.triggerruns.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunEnvironment;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs as CSV (RFC 4180): a header row, CRLF line ends, and a field quoted when it holds a comma, a quote, CR
 * or LF, with quotes doubled. Tags and metadata are written as JSON text, the only form that keeps any tag
 * (a tag may itself contain a comma) and nested metadata intact in one cell.
 */
final class CsvWriter {
  static final List<String> COLUMNS = List.of("id", "status", "taskIdentifier", "version", "envName", "envId",
      "isTest", "idempotencyKey", "createdAt", "updatedAt", "startedAt", "finishedAt", "delayedUntil",
      "expiredAt", "ttl", "tags", "costInCents", "baseCostInCents", "durationMs", "region", "metadata");

  private CsvWriter() {}

  static void writeHeader(Writer out) throws IOException {
    writeRow(out, COLUMNS);
  }

  static void writeRun(Writer out, Run run) throws IOException {
    RunEnvironment env = run.getEnvironment();
    JsonArray tags = new JsonArray();
    run.getTags().forEach(tags::add);
    List<@Nullable String> row = new ArrayList<>(COLUMNS.size());
    row.add(run.getId());
    row.add(run.getStatus().getValue());
    row.add(run.getTaskIdentifier());
    row.add(run.getVersion());
    row.add(env.getName());
    row.add(env.getId());
    row.add(String.valueOf(run.isTest()));
    row.add(run.getIdempotencyKey());
    row.add(RunJson.time(run.getCreatedAt()));
    row.add(RunJson.time(run.getUpdatedAt()));
    row.add(RunJson.time(run.getStartedAt()));
    row.add(RunJson.time(run.getFinishedAt()));
    row.add(RunJson.time(run.getDelayedUntil()));
    row.add(RunJson.time(run.getExpiredAt()));
    row.add(run.getTtl());
    row.add(RunJson.GSON.toJson(tags));
    row.add(plain(run.getCostInCents()));
    row.add(plain(run.getBaseCostInCents()));
    row.add(run.getDurationMs() == null ? null : String.valueOf(run.getDurationMs()));
    row.add(text(RunJson.field(run, "region")));
    JsonElement metadata = RunJson.field(run, "metadata");
    row.add(metadata == null || metadata.isJsonNull() ? null : RunJson.GSON.toJson(metadata));
    writeRow(out, row);
  }

  /** One CSV field: as is when safe, else quoted with inner quotes doubled (RFC 4180, 2.6 and 2.7). */
  static String quote(@Nullable String field) {
    if (field == null) {
      return "";
    }
    boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0
        || field.indexOf('\n') >= 0;
    return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }

  private static void writeRow(Writer out, List<? extends @Nullable String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(fields.get(i)));
    }
    out.write("\r\n");
  }

  private static @Nullable String plain(@Nullable BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  private static @Nullable String text(@Nullable JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return null;
    }
    return value.isJsonPrimitive() ? value.getAsString() : RunJson.GSON.toJson(value);
  }
}
