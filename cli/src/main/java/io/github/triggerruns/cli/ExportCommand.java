package io.github.triggerruns.cli;

import io.github.triggerruns.Page;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.ParallelOptions;
import io.github.triggerruns.ParallelPage;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code trigger-runs export}: every matching run to a file, page by page, resumable. By default it lists with
 * several cursors over time windows ({@code Runs.flowParallelPages}), saving each page's checkpoint once the
 * page is on disk; {@code --parallel 1} uses the page API with one cursor, each page's next cursor being the
 * resume point.
 */
@Command(
    name = "export",
    sortOptions = false,
    usageHelpAutoWidth = true,
    abbreviateSynopsis = true,
    description = {"Write every matching run to a file (NDJSON or CSV), resumably.",
        "By default 8 cursors list disjoint time windows at once, within the rate limit (--parallel 1: one"
            + " cursor, newest first). After each page the resume point is saved in FILE.cursor. If the export"
            + " stops (network, Ctrl-C), run the same command with --resume to continue; the cursor file is"
            + " deleted when the export is done."})
public final class ExportCommand implements Callable<Integer> {
  /** Cursors at once unless {@code --parallel} says otherwise: enough to reach the live rate limit. */
  static final int DEFAULT_PARALLEL = 8;

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

  @Option(names = "--parallel", paramLabel = "N",
      description = "Cursors at once over disjoint time windows, 1..32 (default 8): runs arrive in no particular"
          + " order, and the export needs --all-time, --period, --from or --to. 1: one cursor, newest first.")
  int parallel = DEFAULT_PARALLEL;

  @Option(names = "--budget-reserve", paramLabel = "SHARE",
      description = "With --parallel: share of the rate limit left to other clients, 0..0.99 (default 0.2).")
  double budgetReserve = ParallelOptions.defaults().getBudgetReserve();

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
    String mode = parallel == 1 ? ExportCursor.SEQUENTIAL : ExportCursor.PARALLEL;
    ParallelOptions parallelOptions = null;
    if (parallel != 1) {
      // Checked before anything is written: the range, the parallelism and the reserve.
      parallelOptions = ParallelOptions.builder().parallelism(parallel).pageSize(pageSize)
          .budgetReserve(budgetReserve).build();
    }
    Path cursorFile = ExportCursor.pathFor(output);
    Optional<ExportCursor> saved = ExportCursor.read(cursorFile);
    if (resume) {
      resumeFrom(saved, cursorFile, runFilter, mode);
      if (parallelOptions != null) {
        parallelOptions = parallelOptions.toBuilder().resumeFrom(saved.orElseThrow().cursor()).build();
      }
    } else if (saved.isPresent()) {
      throw new ParameterException(spec.commandLine(), "An interrupted export of " + output + " can be continued:"
          + " add --resume, or delete " + cursorFile + " to start over.");
    }
    if (parallelOptions != null && runFilter.usesDefaultWindow()) {
      throw new ParameterException(spec.commandLine(), "A parallel export needs a time window: add --all-time,"
          + " --period, --from or --to (without one the server lists only the last 7 days), or --parallel 1.");
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
        if (parallelOptions == null) {
          exportPages(connection.client().runs(), runFilter, writer, file.getChannel(), cursorFile, progress);
        } else {
          exportParallel(connection.client().runs(), runFilter, parallelOptions, writer, file.getChannel(),
              cursorFile, progress);
        }
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

  private void resumeFrom(Optional<ExportCursor> saved, Path cursorFile, RunFilter runFilter, String mode)
      throws IOException {
    ExportCursor from = saved.orElseThrow(() -> new ParameterException(spec.commandLine(), "Nothing to resume: "
        + cursorFile + " does not exist. Run the export without --resume to start it."));
    if (!from.mode().equals(mode)) {
      throw new ParameterException(spec.commandLine(), "The export in " + cursorFile + " was started "
          + (from.mode().equals(ExportCursor.PARALLEL) ? "with --parallel above 1" : "with --parallel 1")
          + ": resume it the same way, or delete " + cursorFile + " to start over.");
    }
    if (!from.format().equals(format.name()) || !from.filter().equals(runFilter.toString())) {
      throw new ParameterException(spec.commandLine(), "The export in " + cursorFile + " was started with --format "
          + from.format() + " and " + from.filter() + ": resume it with the same --format and filter flags, or"
          + " delete " + cursorFile + " to start over.");
    }
    if (!Files.exists(output) || Files.size(output) < from.bytes()) {
      throw new ParameterException(spec.commandLine(), output + " is shorter than " + cursorFile + " says ("
          + from.bytes() + " bytes), so it changed since. Delete " + cursorFile + " to start over.");
    }
    if (mode.equals(ExportCursor.SEQUENTIAL)) {
      request = request.after(from.cursor());
    }
    runs = from.runs();
    pages = from.pages();
  }

  private void exportPages(Runs client, RunFilter runFilter, Writer writer, FileChannel channel, Path cursorFile,
      Progress progress) throws IOException {
    while (true) {
      Page<Run> page = client.list(runFilter, request);
      writeRuns(writer, page.getData());
      writer.flush();
      runs += page.getData().size();
      pages++;
      progress.update(runs, pages, null);
      String next = page.getNextCursor();
      if (next == null) {
        return;
      }
      // Only now, with the page on disk, does the resume point move past it.
      new ExportCursor(next, channel.size(), runs, pages, format.name(), runFilter.toString(),
          ExportCursor.SEQUENTIAL).write(cursorFile);
      request = request.after(next);
    }
  }

  /**
   * The parallel export: pages in the order they arrive. After each page is on disk, the listing's checkpoint
   * (every window still to go, with its cursor) replaces the cursor file, so a resume fetches exactly the runs
   * not yet in the file.
   */
  private void exportParallel(Runs client, RunFilter runFilter, ParallelOptions options, Writer writer,
      FileChannel channel, Path cursorFile, Progress progress) throws IOException {
    for (ParallelPage page : client.flowParallelPages(runFilter, options).blockingIterable(1)) {
      writeRuns(writer, page.getRuns());
      writer.flush();
      runs += page.getRuns().size();
      pages++;
      new ExportCursor(page.getCheckpoint(), channel.size(), runs, pages, format.name(), runFilter.toString(),
          ExportCursor.PARALLEL).write(cursorFile);
      progress.update(runs, pages, page);
    }
  }

  private void writeRuns(Writer writer, List<Run> page) throws IOException {
    for (Run run : page) {
      if (format == Format.csv) {
        CsvWriter.writeRun(writer, run);
      } else {
        writer.write(RunJson.GSON.toJson(run.toJson()) + "\n");
      }
    }
  }

  /**
   * The progress line on stderr (runs, pages, runs/s; in a parallel export also the share of the rate limit
   * in use and an ETA from the runs estimated to go), redrawn in place with {@code \r}; only on a terminal.
   */
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

    void update(long runs, long pages, @Nullable ParallelPage page) {
      if (!enabled) {
        return;
      }
      double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
      double rate = (runs - startRuns) / seconds;
      String line = String.format(Locale.ROOT, "%d runs, %d pages, %.0f runs/s", runs, pages, rate);
      if (page != null) {
        Long remaining = page.getRateLimitRemaining();
        Long limit = page.getRateLimitLimit();
        if (remaining != null && limit != null && limit > 0) {
          line += String.format(Locale.ROOT, ", rate limit %.0f%% in use", 100.0 * (limit - remaining) / limit);
        }
        if (rate > 0) {
          line += ", ETA " + duration(Math.round(page.getEstimatedRemainingRuns() / rate));
        }
      }
      // Spaces over whatever is left of a longer previous line.
      err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
      err.flush();
      lastLength = line.length();
    }

    private static String duration(long seconds) {
      return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
          : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
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
