package io.github.triggerruns.bench.e2e;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table, first column left-aligned, the others right-aligned; also valid Markdown. */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();

  public Table(String... header) {
    rows.add(header);
  }

  public Table row(Object... cells) {
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      text[i] = String.valueOf(cells[i]);
    }
    rows.add(text);
    return this;
  }

  public void print(PrintStream out) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder("|");
      for (int c = 0; c < columns; c++) {
        String cell = c < rows.get(r).length ? rows.get(r)[c] : "";
        String pad = " ".repeat(widths[c] - cell.length());
        line.append(' ').append(c == 0 ? cell + pad : pad + cell).append(" |");
      }
      out.println(line);
      if (r == 0) {
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < columns; c++) {
          rule.append(c == 0 ? " :" : " ").append("-".repeat(Math.max(1, widths[c] - 1))).append(c == 0 ? " |" : ": |");
        }
        out.println(rule);
      }
    }
  }

  /** {@code 12345.6} as {@code 12,346}. */
  public static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** A ratio as {@code 0.87x}. */
  public static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2fx", value);
  }

  /** The quartiles of a ratio, {@code 0.84–0.92}. */
  static String range(Samples.Spread spread) {
    return String.format(Locale.ROOT, "%.2f–%.2f", spread.low(), spread.high());
  }

  /** Milliseconds with one decimal. */
  public static String millis(double nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  /** Bytes as MiB with one decimal. */
  public static String mib(double bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
