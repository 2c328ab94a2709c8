package io.github.triggerruns.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.triggerruns.Run;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs as CSV (RFC 4180): a header row, CRLF line ends, and a field quoted when it holds a comma, a quote, CR
 * or LF, with quotes doubled. Each cell is read by name from the run's JSON ({@link Run#toJson()}), so a
 * cell holds what the JSON output holds: text and numbers as written there, an absent field empty, and tags
 * and metadata as JSON text, the only form that keeps any tag (a tag may itself contain a comma) and nested
 * metadata intact in one cell.
 */
final class CsvWriter {
  /** The columns, by the name of the field in the run's JSON; {@code envName} is {@code env.name}. */
  static final List<String> COLUMNS = List.of("id", "status", "taskIdentifier", "version", "envName", "envId",
      "isTest", "idempotencyKey", "createdAt", "updatedAt", "startedAt", "finishedAt", "delayedUntil",
      "expiredAt", "ttl", "tags", "costInCents", "baseCostInCents", "durationMs", "region", "metadata");

  private CsvWriter() {}

  static void writeHeader(Writer out) throws IOException {
    writeRow(out, COLUMNS);
  }

  static void writeRun(Writer out, Run run) throws IOException {
    JsonObject json = run.toJson();
    List<@Nullable String> row = new ArrayList<>(COLUMNS.size());
    for (String column : COLUMNS) {
      row.add(text(field(json, column)));
    }
    writeRow(out, row);
  }

  /** The field named {@code column}, or for {@code envName}, a column of an object field, its member. */
  private static @Nullable JsonElement field(JsonObject json, String column) {
    if (json.has(column)) {
      return json.get(column);
    }
    for (String name : json.keySet()) {
      JsonElement value = json.get(name);
      if (column.startsWith(name) && column.length() > name.length() && value.isJsonObject()) {
        String member = Character.toLowerCase(column.charAt(name.length())) + column.substring(name.length() + 1);
        return value.getAsJsonObject().get(member);
      }
    }
    return null;
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

  private static @Nullable String text(@Nullable JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!value.isJsonPrimitive()) {
      return RunJson.GSON.toJson(value);
    }
    // Numbers as plain decimals: a cost of 1.2E-7 cents reads 0.00000012 in a spreadsheet too.
    return value.getAsJsonPrimitive().isNumber() ? value.getAsBigDecimal().toPlainString() : value.getAsString();
  }
}
