package io.github.triggerruns.testkit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The live server's date coercion for {@code filter[createdAt][from|to]}: a string JavaScript's
 * {@code Number()} accepts is epoch <em>milliseconds</em> (so an empty value is 0, and epoch
 * seconds land in 1970); anything else goes through {@code new Date(string)}. Of the formats V8
 * parses, this accepts ISO-8601 (date, date-time with or without offset, {@code Z}; a date-time
 * without offset is read as UTC, the live server's zone) and RFC 1123 ({@code Sun, 20 Jul 2025
 * 10:00:00 GMT}).
 */
public final class JsDates {
  private static final double MAX_DATE_MS = 8.64e15;

  private static final List<Function<String, Instant>> PARSERS =
      List.of(
          s -> OffsetDateTime.parse(s).toInstant(),
          s -> LocalDateTime.parse(s).toInstant(ZoneOffset.UTC),
          s -> LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC),
          s -> YearMonth.parse(s).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
          s -> OffsetDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());

  private JsDates() {}

  /** Epoch milliseconds of the value, or empty for an Invalid Date. */
  public static OptionalLong coerce(String value) {
    double number = JsNumbers.toNumber(value);
    return Double.isNaN(number) ? parseDate(value.strip()) : fromNumber(number);
  }

  private static OptionalLong fromNumber(double ms) {
    // new Date(n) keeps the integer part (toward zero) and is invalid beyond ±8.64e15.
    if (Double.isNaN(ms) || Math.abs(ms) > MAX_DATE_MS) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((long) ms);
  }

  private static OptionalLong parseDate(String text) {
    for (Function<String, Instant> parser : PARSERS) {
      try {
        return OptionalLong.of(parser.apply(text).toEpochMilli());
      } catch (DateTimeParseException | ArithmeticException e) {
        // not this format: try the next one
      }
    }
    return OptionalLong.empty();
  }
}
