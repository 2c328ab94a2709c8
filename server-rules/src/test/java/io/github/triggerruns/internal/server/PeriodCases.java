package io.github.triggerruns.internal.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code periods.txt}: {@code filter[createdAt][period]} values, what parse-duration returns for
 * each, and whether the client sends it. Shared through this module's test-jar, so the client's validation
 * and the testkit's filter are tested against the same cases.
 */
public final class PeriodCases {
  private PeriodCases() {}

  /**
   * One row.
   *
   * @param period the value as sent
   * @param parseDuration parse-duration's result in milliseconds; null where it returns null
   * @param sent whether the client sends it (otherwise it refuses it before any request)
   */
  public record Case(String period, Double parseDuration, boolean sent) {
    @Override
    public String toString() {
      return "\"" + period + "\" -> " + parseDuration + (sent ? ", sent" : ", rejected");
    }
  }

  /** Every row, in file order. */
  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = PeriodCases.class.getResourceAsStream("periods.txt");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          cases.add(row(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  /** The rows the client sends. */
  public static List<Case> sent() {
    return all().stream().filter(Case::sent).toList();
  }

  /** The rows the client refuses. */
  public static List<Case> rejected() {
    return all().stream().filter(c -> !c.sent()).toList();
  }

  private static Case row(String line) {
    String[] columns = line.split(" \\| ");
    if (columns.length != 3) {
      throw new IllegalArgumentException("periods.txt: not three columns: " + line);
    }
    String result = columns[1].strip();
    String client = columns[2].strip();
    if (!client.equals("sent") && !client.equals("rejected")) {
      throw new IllegalArgumentException("periods.txt: column 3 is sent or rejected: " + line);
    }
    return new Case(unquote(columns[0].strip()), result.equals("null") ? null : Double.valueOf(result),
        client.equals("sent"));
  }

  // A JSON string literal with only \", \\ and \\uXXXX escapes, as the table writes them.
  private static String unquote(String quoted) {
    if (quoted.length() < 2 || !quoted.startsWith("\"") || !quoted.endsWith("\"")) {
      throw new IllegalArgumentException("periods.txt: column 1 is a quoted string: " + quoted);
    }
    StringBuilder s = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        s.append(c);
      } else if (quoted.charAt(i + 1) == 'u') {
        s.append((char) Integer.parseInt(quoted.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        s.append(quoted.charAt(++i));
      }
    }
    return s.toString();
  }
}
