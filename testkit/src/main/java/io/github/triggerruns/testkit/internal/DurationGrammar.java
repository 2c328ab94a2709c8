package io.github.triggerruns.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of the npm {@code parse-duration} package, which the live server uses for
 * {@code filter[createdAt][period]}: numbers with units, case-insensitive, plural {@code s}, combined
 * ({@code 1h30m}), decimals ({@code 1.5h}), {@code _} or {@code ,} between digits ignored. Units:
 * ns, us/µs, ms, s/sec/second, m/min/minute, h/hr/hour, d/day, w/wk/week, mo/mth/month (30.4375
 * days), y/yr/year (365.25 days). {@code 1M} is one minute (units are lower-cased first). A number
 * without a unit is milliseconds, or, after another number, the next smaller unit
 * ({@code 1h30} = 1h30m). Text that yields no known unit, or a total of zero, does not parse.
 */
public final class DurationGrammar {
  private static final Pattern TERM =
      Pattern.compile("((?:\\d{1,16}(?:\\.\\d{1,16})?|\\.\\d{1,16})(?:[eE][-+]?\\d{1,4})?)\\s?(\\p{L}{0,14})");
  private static final Pattern DIGIT_SEPARATOR = Pattern.compile("(\\d)[_,](\\d)");

  private static final double MS = 1;
  private static final double SECOND = 1000 * MS;
  private static final double MINUTE = 60 * SECOND;
  private static final double HOUR = 60 * MINUTE;
  private static final double DAY = 24 * HOUR;

  // Largest first, so "the next smaller unit" is the next distinct value in iteration order.
  private static final Map<String, Double> UNITS = new LinkedHashMap<>();

  static {
    put(DAY * 365.25, "year", "yr", "y");
    put(DAY * 365.25 / 12, "month", "mo", "mth");
    put(DAY * 7, "week", "wk", "w");
    put(DAY, "day", "d");
    put(HOUR, "hour", "hr", "h");
    put(MINUTE, "minute", "min", "m");
    put(SECOND, "second", "sec", "s");
    put(MS, "millisecond", "ms");
    put(MS / 1e3, "microsecond", "us", "µs", "μs");
    put(MS / 1e6, "nanosecond", "ns");
  }

  private DurationGrammar() {}

  private static void put(double ms, String... names) {
    for (String name : names) {
      UNITS.put(name, ms);
    }
  }

  /** The duration in milliseconds, or empty when the text does not parse (or is zero). */
  public static OptionalDouble parseMillis(String text) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    String cleaned = DIGIT_SEPARATOR.matcher(text).replaceAll("$1$2");
    Matcher m = TERM.matcher(cleaned);
    double total = 0;
    boolean any = false;
    Double previousUnit = null;
    while (m.find()) {
      double n = Double.parseDouble(m.group(1));
      String name = m.group(2);
      Double unit;
      if (name.isEmpty()) {
        unit = previousUnit == null ? MS : nextSmaller(previousUnit);
      } else {
        unit = lookup(name.toLowerCase(Locale.ROOT));
      }
      previousUnit = unit;
      if (unit != null) {
        total += n * unit;
        any = true;
      }
    }
    if (!any || total == 0 || Double.isNaN(total)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(cleaned.startsWith("-") ? -total : total);
  }

  private static Double lookup(String name) {
    Double unit = UNITS.get(name);
    if (unit == null && name.endsWith("s")) {
      unit = UNITS.get(name.substring(0, name.length() - 1));
    }
    return unit;
  }

  private static Double nextSmaller(double unit) {
    List<Double> sizes = new ArrayList<>(UNITS.values());
    for (Double size : sizes) {
      if (size < unit) {
        return size;
      }
    }
    return null;
  }
}
