package io.github.triggerruns.cli;

import com.google.gson.stream.JsonWriter;
import io.github.triggerruns.PageRequest;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code trigger-runs list}: matching runs, newest first, as a table, a JSON array or NDJSON. */
@Command(
    name = "list",
    sortOptions = false,
    usageHelpAutoWidth = true,
    abbreviateSynopsis = true,
    description = {"List runs, newest first (the 25 newest unless --limit or --all).",
        "Without --period, --from, --to or --all-time the server shows the last 7 days only, and says so on"
            + " stderr."})
public final class ListCommand implements Callable<Integer> {
  private static final int DEFAULT_LIMIT = 25;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Mixin FilterOptions filter;

  @Option(names = "--limit", paramLabel = "N", description = "At most N runs in total (default 25).")
  @Nullable Integer limit;

  @Option(names = "--all", description = "Every matching run, page after page (no limit).")
  boolean all;

  @Option(names = "--page-size", paramLabel = "N",
      description = "Runs per request, 1..100 (default: the limit, at most 100).")
  @Nullable Integer pageSize;

  @Option(names = "--json", description = "One JSON array of runs, every field the API sent.")
  boolean json;

  @Option(names = "--ndjson", description = "One JSON object per line, streamed.")
  boolean ndjson;

  @ParentCommand TriggerRunsCommand top;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OutputFormat format = OutputFormat.of(json, ndjson, spec);
    if (all && limit != null) {
      throw new ParameterException(spec.commandLine(), "Choose one of --limit and --all.");
    }
    if (limit != null && limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be 1 or more, not " + limit + ".");
    }
    long max = all ? Long.MAX_VALUE : limit == null ? DEFAULT_LIMIT : limit;
    PageRequest request = PageRequest.ofSize(pageSize != null ? pageSize
        : (int) Math.min(max, PageRequest.MAX_SIZE));
    RunFilter runFilter = filter.toFilter();
    try (ClientFactory.Connection connection = ClientFactory.connect(top, err, null)) {
      FilterOptions.hintIfDefaultWindow(runFilter, err);
      // An explicit loop, not Stream.limit: the count is checked before asking for more, so no page
      // beyond the limit is ever requested.
      Iterator<Run> runs = connection.client().runs().iterate(runFilter, request).iterator();
      long count = 0;
      switch (format) {
        case TABLE -> {
          List<Run> rows = new ArrayList<>();
          while (count < max && runs.hasNext()) {
            rows.add(runs.next());
            count++;
          }
          if (rows.isEmpty()) {
            err.println("no runs match");
          } else {
            RunTable.print(rows, out, top.terminal().color());
          }
        }
        case JSON -> {
          JsonWriter writer = new JsonWriter(out);
          writer.setIndent("  ");
          writer.beginArray();
          while (count < max && runs.hasNext()) {
            RunJson.GSON.toJson(runs.next().toJson(), writer);
            count++;
          }
          writer.endArray();
          writer.flush();
          out.println();
        }
        case NDJSON -> {
          while (count < max && runs.hasNext()) {
            out.print(RunJson.GSON.toJson(runs.next().toJson()) + "\n");
            count++;
          }
        }
        default -> throw new IllegalStateException(format.name());
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
