package io.github.triggerruns.internal.realtime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the text values of a realtime row, as Postgres writes them and the Electric protocol sends them:
 * every value is a string or null.
 */
public final class ColumnValues {
  private ColumnValues() {}

  /**
   * A timestamp. The server sends {@code timestamp without time zone} columns in UTC without a zone
   * ({@code 2024-04-01T12:34:56.789}; the SDK appends the Z); Postgres text output separates date and time
   * with a space. A zone or offset, when present, is honoured.
   */
  public static @Nullable Instant timestamp(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String iso = text.length() > 10 && text.charAt(10) == ' '
        ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    if (iso.endsWith("Z") || iso.endsWith("z")) {
      return Instant.parse(iso.substring(0, iso.length() - 1) + 'Z');
    }
    int time = iso.indexOf('T');
    if (time > 0 && (iso.indexOf('+', time) > 0 || iso.indexOf('-', time) > 0)) {
      // Postgres writes short offsets (+00); ISO wants +00:00.
      String withOffset = iso.matches(".*[+-]\\d\\d$") ? iso + ":00" : iso;
      return OffsetDateTime.parse(withOffset).toInstant();
    }
    return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
  }

  /** A boolean: Postgres writes {@code t}/{@code f}; {@code true}/{@code false} are accepted too. */
  public static @Nullable Boolean bool(@Nullable String text) {
    if (text == null) {
      return null;
    }
    return text.equals("t") || text.equalsIgnoreCase("true");
  }

  /** A whole number, or null when absent or empty. */
  public static @Nullable Long integer(@Nullable String text) {
    return text == null || text.isEmpty() ? null : Long.valueOf(text.trim());
  }

  /** A decimal number, or null when absent or empty. */
  public static @Nullable Double decimal(@Nullable String text) {
    return text == null || text.isEmpty() ? null : Double.valueOf(text.trim());
  }

  /**
   * A one-dimensional Postgres array literal: {@code {"a","b"}} or unquoted {@code {a,b}}, with backslash
   * escapes inside quotes; an unquoted NULL element is dropped. A null column (the server sends null for
   * an empty {@code runTags}) is the empty list.
   *
   * @throws IllegalArgumentException when the text is not an array literal
   */
  public static List<String> array(@Nullable String text) {
    if (text == null) {
      return Collections.emptyList();
    }
    String s = text.trim();
    if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
      throw new IllegalArgumentException("not a Postgres array literal: " + text);
    }
    List<String> values = new ArrayList<>();
    int i = 1;
    int end = s.length() - 1;
    while (i < end) {
      StringBuilder element = new StringBuilder();
      boolean quoted = s.charAt(i) == '"';
      if (quoted) {
        i++;
        while (i < end && s.charAt(i) != '"') {
          char c = s.charAt(i);
          if (c == '\\' && i + 1 < end) {
            i++;
            c = s.charAt(i);
          }
          element.append(c);
          i++;
        }
        if (i >= end) {
          throw new IllegalArgumentException("unterminated quote in Postgres array literal: " + text);
        }
        i++; // the closing quote
      } else {
        while (i < end && s.charAt(i) != ',') {
          element.append(s.charAt(i));
          i++;
        }
      }
      String value = quoted ? element.toString() : element.toString().trim();
      if (quoted || !value.equalsIgnoreCase("NULL")) {
        values.add(value);
      }
      if (i < end && s.charAt(i) == ',') {
        i++;
      }
    }
    return Collections.unmodifiableList(values);
  }
}
