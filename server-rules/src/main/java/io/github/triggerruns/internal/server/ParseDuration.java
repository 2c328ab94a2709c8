package io.github.triggerruns.internal.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The npm package {@code parse-duration} 2.1.4 (the version in the webapp's lockfile), called as the webapp
 * calls it, {@code parseDuration(text)}, ported step by step so that every input gives the same number.
 *
 * <p>What that algorithm does, quirks included: digits joined by a space, {@code _} or {@code ,} are
 * joined ({@code 1_000}); each number (decimals and exponents allowed, {@code .5}, {@code 1e3}) takes the
 * letters after it, at most one whitespace between, as its unit, lower-cased ({@code 1M} is a minute), with
 * one trailing {@code s} dropped if that names a unit; a number without a unit is milliseconds, or after
 * another number the next smaller unit ({@code 1h30} is 1h30m); text between terms is skipped, and so are
 * terms with an unknown unit; the terms are summed and made negative when the text starts with {@code -}.
 * The result is {@code null} when no term had a known unit. The locale's {@code group}, {@code decimal} and
 * {@code placeholder} entries are looked up like units and make a term NaN ({@code 1group}).
 */
public final class ParseDuration {
  // JavaScript's \s, which Java's \s is not: the regular expression below runs with the u flag in Node.
  private static final String JS_WHITESPACE =
      "[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]";
  // `(\d)[${placeholder}${group}](\d)` with en.js's placeholder " _" and group ",".
  private static final Pattern DIGIT_SEPARATOR = Pattern.compile("(\\d)[ _,](\\d)");
  // durationRE, verbatim but for \s.
  private static final Pattern TERM = Pattern.compile(
      "((?:\\d{1,16}(?:\\.\\d{1,16})?|\\.\\d{1,16})(?:[eE][-+]?\\d{1,4})?)" + JS_WHITESPACE + "?(\\p{L}{0,14})");

  // locale/en.js in its own key order, which decides "the next smaller unit". Values are Double or String.
  private static final Map<String, Object> UNITS = new LinkedHashMap<>();

  static {
    double m = 60000;
    double h = m * 60;
    double d = h * 24;
    double y = d * 365.25;
    put(y, "year", "yr", "y");
    put(y / 12, "month", "mo", "mth");
    put(d * 7, "week", "wk", "w");
    put(d, "day", "d");
    put(h, "hour", "hr", "h");
    put(m, "minute", "min", "m");
    put(1000d, "second", "sec", "s");
    put(1d, "millisecond", "millisec", "ms");
    put(1e-3, "microsecond", "microsec", "us", "\u00B5s");
    put(1e-6, "nanosecond", "nanosec", "ns");
    UNITS.put("group", ",");
    UNITS.put("decimal", ".");
    UNITS.put("placeholder", " _");
  }

  private ParseDuration() {}

  private static void put(double ms, String... names) {
    for (String name : names) {
      UNITS.put(name, ms);
    }
  }

  /**
   * {@code parseDuration(text)}: milliseconds, possibly fractional, negative, zero, NaN or infinite; null
   * where parse-duration returns null (no term with a known unit).
   */
  public static Double parse(String text) {
    Matcher term = TERM.matcher(DIGIT_SEPARATOR.matcher(text).replaceAll("$1$2"));
    Double result = null;
    Object previousUnit = null;
    while (term.find()) {
      String name = term.group(2);
      if (name.isEmpty()) {
        name = previousUnit == null ? "ms" : nextSmaller(previousUnit);
      } else {
        name = name.toLowerCase(Locale.ROOT);
      }
      Object unit = UNITS.get(name);
      if (unit == null && name.endsWith("s")) {
        unit = UNITS.get(name.substring(0, name.length() - 1));
      }
      previousUnit = unit;
      if (unit != null) {
        // (result || 0) + n * units: NaN and 0 are falsy, so a NaN so far starts again from 0.
        double sofar = result == null || result.isNaN() ? 0 : result;
        result = sofar + Double.parseDouble(term.group(1)) * toNumber(unit);
      }
    }
    // result && result * sign: null, 0 and NaN come back as they are.
    if (result == null || result == 0 || result.isNaN()) {
      return result;
    }
    return !text.isEmpty() && text.charAt(0) == '-' ? -result : result;
  }

  /**
   * The duration parse-duration reads in {@code text}, rounded to whole milliseconds; null when it reads
   * none, or NaN, or one beyond {@link Duration}'s range of milliseconds.
   */
  public static Duration duration(String text) {
    Double ms = parse(text);
    if (ms == null || ms.isNaN() || Math.abs(ms) >= Long.MAX_VALUE) {
      return null;
    }
    return Duration.ofMillis(Math.round(ms));
  }

  // for (const u in parse.unit) if (parse.unit[u] < prevUnits) { units = u; break }; "" when none is.
  private static String nextSmaller(Object previousUnit) {
    for (Map.Entry<String, Object> unit : UNITS.entrySet()) {
      if (jsLessThan(unit.getValue(), previousUnit)) {
        return unit.getKey();
      }
    }
    return "";
  }

  // JavaScript's <: two strings compare by UTF-16 code units, anything else as numbers.
  private static boolean jsLessThan(Object a, Object b) {
    if (a instanceof String && b instanceof String) {
      return ((String) a).compareTo((String) b) < 0;
    }
    return toNumber(a) < toNumber(b);
  }

  // Number(value): the locale's strings (",", ".", " _") are not numbers.
  private static double toNumber(Object value) {
    return value instanceof Double ? (Double) value : Double.NaN;
  }
}
