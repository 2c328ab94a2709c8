package io.github.triggerruns.cli;

import io.github.triggerruns.Run;
import io.github.triggerruns.RunStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs as an aligned text table for people: id, status, task, created, duration, tags. The status is
 * coloured on a terminal; piped output is plain so that grep, awk and cut see only text. Tags come last and
 * are not padded, since they vary most and may hold wide characters.
 */
final class RunTable {
  private static final String[] HEADER = {"ID", "STATUS", "TASK", "CREATED", "DURATION", "TAGS"};
  private static final int STATUS_COLUMN = 1;

  private RunTable() {}

  static void print(List<Run> runs, PrintWriter out, boolean color) {
    List<String[]> rows = new ArrayList<>(runs.size() + 1);
    rows.add(HEADER);
    for (Run run : runs) {
      rows.add(new String[] {run.getId(), run.getStatus().getValue(), run.getTaskIdentifier(),
          created(run.getCreatedAt()), duration(run), String.join(", ", run.getTags())});
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean last = i == row.length - 1;
        String cell = last ? row[i] : pad(row[i], widths[i]);
        line.append(color && r > 0 && i == STATUS_COLUMN ? Ansi.status(row[i], cell) : cell);
        if (!last) {
          line.append("  ");
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  /** Creation time to the second, UTC: sortable and unambiguous across time zones. */
  static String created(Instant createdAt) {
    return createdAt.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Compute time, short: {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h07m}; {@code -} when unknown
   * or when the run never started (the API then says 0).
   */
  static String duration(Run run) {
    Long millis = run.getDurationMs();
    if (millis == null || (millis == 0 && run.getStartedAt() == null)) {
      return "-";
    }
    long ms = millis;
    if (ms < 1_000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format("%.1fs", ms / 1000.0);
    }
    long seconds = ms / 1000;
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  /** ANSI colours by what a status means: green done, red failed, yellow waiting to run, cyan running. */
  static final class Ansi {
    private static final String RESET = "\u001b[0m";

    private Ansi() {}

    /** {@code text} (the padded cell) coloured for {@code status}; unknown statuses stay plain. */
    static String status(String status, String text) {
      String code = code(RunStatus.of(status));
      return code == null ? text : "\u001b[" + code + "m" + text + RESET;
    }

    private static @Nullable String code(RunStatus status) {
      switch (status.getValue()) {
        case "COMPLETED":
          return "32";
        case "FAILED": case "CRASHED": case "SYSTEM_FAILURE": case "TIMED_OUT": case "INTERRUPTED":
          return "31";
        case "CANCELED": case "EXPIRED":
          return "90";
        case "EXECUTING": case "DEQUEUED": case "REATTEMPTING":
          return "36";
        case "WAITING": case "FROZEN":
          return "34";
        case "QUEUED": case "DELAYED": case "PENDING_VERSION": case "WAITING_FOR_DEPLOY":
          return "33";
        default:
          return null;
      }
    }
  }
}
