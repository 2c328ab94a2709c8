package io.github.triggerruns.bench.json;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The timestamp adapter openapi-generator's Java clients ship ({@code JSON.OffsetDateTimeTypeAdapter}):
 * {@link OffsetDateTime#parse} with {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, after turning a
 * {@code +0000} suffix into {@code Z}. What a user of the bare generated client gets.
 */
public final class GeneratorDateAdapter extends TypeAdapter<OffsetDateTime> {
  private final DateTimeFormatter formatter = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  @Override
  public void write(JsonWriter out, OffsetDateTime value) {
    throw new UnsupportedOperationException("read only");
  }

  @Override
  public OffsetDateTime read(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    String date = in.nextString();
    if (date.endsWith("+0000")) {
      date = date.substring(0, date.length() - 5) + "Z";
    }
    return OffsetDateTime.parse(date, formatter);
  }
}
