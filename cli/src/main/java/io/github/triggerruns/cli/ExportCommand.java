package io.github.triggerruns.cli;

import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.Runs;
import io.github.triggerruns.RunFilter;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code trigger-runs export}: every matching run to a file, page by page, resumable. It uses the page API
 * rather than iteration because each page's next cursor is the resume point, saved once the page is on disk.
 */
@Command(
    name = "export",
    sortOptions = false,
    usageHelpAutoWidth = true,
    abbreviateSynopsis = true,
    description = {"Write every matching run to a file (NDJSON or CSV), resumably.",
        "After each page the next cursor is saved in FILE.cursor. If the export stops (network, Ctrl-C), run"
            + " the same command with --resume to continue; the cursor file is deleted when the export is done."})
public final class ExportCommand implements Callable<Integer> {
  /** The export file formats. */
  enum Format { ndjson, csv }

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The file to write.")
  Path output;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "ndjson (one JSON object per run, every field; the default) or csv (header row, RFC 4180).")
  Format format = Format.ndjson;

  @Option(names = "--resume", description = "Continue an interrupted export from FILE.cursor, appending to FILE.")
  boolean resume;

  @Option(names = "--page-size", paramLabel = "N", description = "Runs per request, 1..100 (default 100).")
  int pageSize = PageRequest.MAX_SIZE;

  @Mixin FilterOptions filter;

  @ParentCommand TriggerRunsCommand top;
  @Spec CommandSpec spec;

  // Where the export stands: runs and pages in the file, and the request for the next page.
  private long runs;
  private long pages;
  private PageRequest request;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    RunFilter runFilter = filter.toFilter();
    request = PageRequest.ofSize(pageSize);
    Path cursorFile = ExportCursor.pathFor(output);
    Optional<ExportCursor> saved = ExportCursor.read(cursorFile);
    if (resume) {
      resumeFrom(saved, cursorFile, runFilter);
    } else if (saved.isPresent()) {
      throw new ParameterException(spec.commandLine(), "An interrupted export of " + output + " can be continued:"
          + " add --resume, or delete " + cursorFile + " to start over.");
    }
    try (ClientFactory.Connection connection = ClientFactory.connect(top, err, null);
        FileOutputStream file = new FileOutputStream(output.toFile(), resume)) {
      FilterOptions.hintIfDefaultWindow(runFilter, err);
      if (resume) {
        // Drop whatever a crash left after the last complete page: those runs are fetched again.
        file.getChannel().truncate(saved.orElseThrow().bytes());
      }
      Writer writer = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8));
      if (!resume && format == Format.csv) {
        CsvWriter.writeHeader(writer);
      }
      Progress progress = new Progress(err, top.terminal().progress(), runs);
      try {
        exportPages(connection.client().runs(), runFilter, writer, file.getChannel(), cursorFile, progress);
      } finally {
        progress.end();
      }
    } catch (RuntimeException | IOException e) {
      if (Files.exists(cursorFile)) {
        err.println("export stopped after " + runs + " runs; run the same command with --resume to continue");
      }
      throw e;
    }
    Files.deleteIfExists(cursorFile);
    err.println(String.format(Locale.ROOT, "exported %d runs to %s", runs, output));
    err.flush();
    return ExitCodes.OK;
  }

  private void resumeFrom(Optional<ExportCursor> saved, Path cursorFile, RunFilter runFilter) throws IOException {
    ExportCursor from = saved.orElseThrow(() -> new ParameterException(spec.commandLine(), "Nothing to resume: "
        + cursorFile + " does not exist. Run the export without --resume to start it."));
    if (!from.format().equals(format.name()) || !from.filter().equals(runFilter.toString())) {
      throw new ParameterException(spec.commandLine(), "The export in " + cursorFile + " was started with --format "
          + from.format() + " and " + from.filter() + ": resume it with the same --format and filter flags, or"
          + " delete " + cursorFile + " to start over.");
    }
    if (!Files.exists(output) || Files.size(output) < from.bytes()) {
      throw new ParameterException(spec.commandLine(), output + " is shorter than " + cursorFile + " says ("
          + from.bytes() + " bytes), so it changed since. Delete " + cursorFile + " to start over.");
    }
    request = request.after(from.cursor());
    runs = from.runs();
    pages = from.pages();
  }

  private void exportPages(Runs client, RunFilter runFilter, Writer writer, FileChannel channel, Path cursorFile,
      Progress progress) throws IOException {
    while (true) {
      Page<Run> page = client.list(runFilter, request);
      for (Run run : page.getData()) {
        if (format == Format.csv) {
          CsvWriter.writeRun(writer, run);
        } else {
          writer.write(RunJson.GSON.toJson(run.toJson()) + "\n");
        }
      }
      writer.flush();
      runs += page.getData().size();
      pages++;
      progress.update(runs, pages);
      String next = page.getNextCursor();
      if (next == null) {
        return;
      }
      // Only now, with the page on disk, does the resume point move past it.
      new ExportCursor(next, channel.size(), runs, pages, format.name(), runFilter.toString()).write(cursorFile);
      request = request.after(next);
    }
  }

  /** The progress line on stderr (runs, pages, runs/s), redrawn in place with {@code \r}; only on a terminal. */
  private static final class Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private final long startRuns;
    private final long startNanos = System.nanoTime();
    private int lastLength;

    Progress(PrintWriter err, boolean enabled, long startRuns) {
      this.err = err;
      this.enabled = enabled;
      this.startRuns = startRuns;
    }

    void update(long runs, long pages) {
      if (!enabled) {
        return;
      }
      double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
      String line = String.format(Locale.ROOT, "%d runs, %d pages, %.0f runs/s", runs, pages,
          (runs - startRuns) / seconds);
      // Spaces over whatever is left of a longer previous line.
      err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      err.flush();
      lastLength = line.length();
    }

    void end() {
      if (lastLength > 0) {
        err.println();
        err.flush();
        lastLength = 0;
      }
    }
  }
}
