package io.github.triggerruns.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The resume point of an export, kept in {@code FILE.cursor} beside the output: the next page's cursor, how
 * many bytes of the output are complete, the counts so far, and what was exported (format and filter), so a
 * resume continues exactly there and refuses a different export.
 *
 * <p>It is written after each page is fully written and flushed, by replacing the file atomically, so it
 * always describes a complete prefix of the output. Bytes written after it (a page cut off by a crash) are
 * truncated on resume: every run ends up in the file exactly once.
 *
 * @param cursor the opaque cursor of the next page to fetch
 * @param bytes the length of the output up to the end of the last complete page
 * @param runs runs written so far
 * @param pages pages written so far
 * @param format the export format
 * @param filter the filter, as {@code RunFilter.toString()}
 * @param mode {@link #SEQUENTIAL} ({@code cursor} is the next page's cursor) or {@link #PARALLEL}
 *     ({@code cursor} is the parallel listing's checkpoint: every window's bounds and delivered cursor)
 */
record ExportCursor(String cursor, long bytes, long runs, long pages, String format, String filter, String mode) {
  /** One cursor, newest first. */
  static final String SEQUENTIAL = "sequential";
  /** Several cursors over time windows ({@code --parallel} above 1). */
  static final String PARALLEL = "parallel";

  /** Where the cursor of {@code output} lives: {@code output} plus {@code .cursor}. */
  static Path pathFor(Path output) {
    return output.resolveSibling(output.getFileName() + ".cursor");
  }

  static Optional<ExportCursor> read(Path path) throws IOException {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    try {
      return Optional.of(new ExportCursor(required(p, "cursor"), Long.parseLong(required(p, "bytes")),
          Long.parseLong(required(p, "runs")), Long.parseLong(required(p, "pages")), required(p, "format"),
          required(p, "filter"), p.getProperty("mode", SEQUENTIAL)));
    } catch (IllegalArgumentException e) {
      throw new IOException(path + " is not a cursor file written by trigger-runs export (" + e.getMessage()
          + "); delete it to start over", e);
    }
  }

  void write(Path path) throws IOException {
    Properties p = new Properties();
    p.setProperty("cursor", cursor);
    p.setProperty("bytes", Long.toString(bytes));
    p.setProperty("runs", Long.toString(runs));
    p.setProperty("pages", Long.toString(pages));
    p.setProperty("format", format);
    p.setProperty("filter", filter);
    p.setProperty("mode", mode);
    Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      p.store(out, "trigger-runs export resume point: what is left to fetch after the complete part of the file");
    }
    try {
      Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key);
    }
    return value;
  }
}
