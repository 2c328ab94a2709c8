package io.github.triggerruns.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The server's duration syntax (the {@code parse-duration} package), used for {@code filter[createdAt][period]}
 * and for ttl values: numbers, optionally decimal, each with a unit, combinable ({@code 1h30m}); units
 * case-insensitive with an optional plural s, so {@code 1M} is one minute and months are {@code mo}.
 */
public final class Durations {
  private static final Pattern PART =
      Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-z]+)\\s*", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /** The duration, or null when the server would not read the text as one. */
  public static @Nullable Duration parse(String text) {
    Matcher m = PART.matcher(text);
    double millis = 0;
    int end = 0;
    while (end < text.length()) {
      m.region(end, text.length());
      if (!m.lookingAt()) {
        return null;
      }
      double unit = unitMillis(m.group(2).toLowerCase(Locale.ROOT));
      if (unit == 0) {
        return null;
      }
      millis += Double.parseDouble(m.group(1)) * unit;
      end = m.end();
    }
    return end == 0 ? null : Duration.ofMillis(Math.round(millis));
  }

  private static double unitMillis(String unit) {
    String u = unit.length() > 2 && unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    switch (u) {
      case "ms": case "msec": case "millisecond": return 1d;
      case "s": case "sec": case "second": return 1_000d;
      case "m": case "min": case "minute": return 60_000d;
      case "h": case "hr": case "hour": return 3_600_000d;
      case "d": case "day": return 86_400_000d;
      case "w": case "wk": case "week": return 604_800_000d;
      case "mo": case "mth": case "month": return 2_629_800_000d;
      case "y": case "yr": case "year": return 31_557_600_000d;
      default: return 0;
    }
  }
}
