package io.github.triggerruns.cli;

import com.google.gson.JsonObject;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunEvent;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.WatchOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code trigger-runs watch}: one line per run change, live, until Ctrl-C or until every run finished. */
@Command(
    name = "watch",
    sortOptions = false,
    usageHelpAutoWidth = true,
    abbreviateSynopsis = true,
    description = {"Follow runs live: a line per change, until Ctrl-C or --until-finished.",
        "Each run gets CREATED when first seen, UPDATED when its status changes, FINISHED when it ends. Watches"
            + " runs created within --lookback (default 1h), unless --period, --from, --to or --all-time is"
            + " given."})
public final class WatchCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Mixin FilterOptions filter;

  @Option(names = "--until-finished",
      description = "Stop once at least one run was seen, every run seen has finished, and no new run came.")
  boolean untilFinished;

  @Option(names = "--interval", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Time between polls, at least 100ms (default 2s).")
  Duration interval = WatchOptions.DEFAULT_POLL_INTERVAL;

  @Option(names = "--lookback", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
      description = "Watch runs created this long before now (default 1h).")
  @Nullable Duration lookback;

  @Option(names = "--ndjson", description = "One JSON object per event: {type, previousStatus, run}.")
  boolean ndjson;

  @ParentCommand TriggerRunsCommand top;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunFilter runFilter = filter.toFilter();
    WatchOptions.Builder options = WatchOptions.builder().pollInterval(interval).stopWhenAllFinished(untilFinished);
    if (lookback != null) {
      options.lookback(lookback);
    }
    WatchOptions watchOptions = options.build();
    // In the sandbox something must happen: demo runs move along at about the pace of the polls (at most
    // every second), and with --until-finished only a few are added, so the watch can end.
    long tickMillis = Math.max(100, Math.min(1000, interval.toMillis() / 2));
    Sandbox.Activity activity = new Sandbox.Activity(Duration.ofMillis(tickMillis),
        untilFinished ? 3 : Integer.MAX_VALUE);
    try (ClientFactory.Connection connection = ClientFactory.connect(top, err, activity)) {
      connection.client().runs().watch(runFilter, watchOptions).blockingForEach(event -> {
        out.print((ndjson ? json(event) : line(event, top.terminal().color())) + "\n");
        out.flush();
      });
    }
    return ExitCodes.OK;
  }

  /** {@code 2025-07-20T10:00:13Z  UPDATED   run_...  QUEUED -> EXECUTING  send-email}; time is the run's updatedAt. */
  static String line(RunEvent event, boolean color) {
    Run run = event.getRun();
    String status = run.getStatus().getValue();
    String change = event.getPreviousStatus() == null || event.getType() == RunEvent.Type.CREATED
        ? status : event.getPreviousStatus().getValue() + " -> " + status;
    String padded = String.format("%-30s", change);
    if (color) {
      // Colour only the new status, keeping the padding outside the escape codes.
      int at = padded.lastIndexOf(status);
      padded = padded.substring(0, at) + RunTable.Ansi.status(status, status) + padded.substring(at + status.length());
    }
    return String.format("%s  %-8s  %s  %s  %s", RunTable.created(run.getUpdatedAt()), event.getType(), run.getId(),
        padded, run.getTaskIdentifier());
  }

  private static String json(RunEvent event) {
    JsonObject o = new JsonObject();
    o.addProperty("type", event.getType().name());
    if (event.getPreviousStatus() != null) {
      o.addProperty("previousStatus", event.getPreviousStatus().getValue());
    }
    o.add("run", event.getRun().toJson());
    return RunJson.GSON.toJson(o);
  }
}
