package io.github.triggerruns.bench.json;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The timestamp adapter a hand-tuned client would write: the server's one shape
 * ({@code yyyy-MM-ddTHH:mm:ss.SSSZ}) read digit by digit, anything else through {@link OffsetDateTime#parse}.
 * Written here rather than borrowed from the facade so the raw loop stays independent of the code it is the
 * yardstick for.
 */
public final class FastDateAdapter extends TypeAdapter<OffsetDateTime> {
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
    String s = in.nextString();
    if (s.length() == 24 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
        && s.charAt(16) == ':' && s.charAt(19) == '.' && s.charAt(23) == 'Z') {
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 7);
      int day = digits(s, 8, 10);
      int hour = digits(s, 11, 13);
      int minute = digits(s, 14, 16);
      int second = digits(s, 17, 19);
      int millis = digits(s, 20, 23);
      if ((year | month | day | hour | minute | second | millis) >= 0) {
        return OffsetDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000, ZoneOffset.UTC);
      }
    }
    return OffsetDateTime.parse(s);
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
