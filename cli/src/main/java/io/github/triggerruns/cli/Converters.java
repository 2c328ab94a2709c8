package io.github.triggerruns.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag value converters; a value they refuse is a usage error (exit 2) naming the expected form. */
final class Converters {
  private Converters() {}

  /** {@code 2024-04-01T00:00:00Z}, {@code 2024-04-01T02:00:00+02:00}, or a date (midnight UTC). */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException notDateTime) {
        try {
          return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
          throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant or date; use e.g."
              + " 2024-04-01T00:00:00Z or 2024-04-01");
        }
      }
    }
  }

  /** {@code 100ms}, {@code 2s}, {@code 1h}, {@code 1h30m}, {@code 1.5m}, {@code 2d}, or ISO-8601 {@code PT2S}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
      String text = value.trim().toLowerCase(Locale.ROOT);
      if (text.startsWith("p")) {
        try {
          return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
          throw invalid(value);
        }
      }
      Matcher m = PART.matcher(text);
      double millis = 0;
      int end = 0;
      while (m.find() && m.start() == end) {
        millis += Double.parseDouble(m.group(1)) * switch (m.group(2)) {
          case "ms" -> 1;
          case "s" -> 1_000;
          case "m" -> 60_000;
          case "h" -> 3_600_000;
          default -> 86_400_000;
        };
        end = m.end();
      }
      if (end == 0 || end != text.length()) {
        throw invalid(value);
      }
      return Duration.ofMillis(Math.round(millis));
    }

    private static TypeConversionException invalid(String value) {
      return new TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 2s, 10m, 1h30m, 2d");
    }
  }
}
