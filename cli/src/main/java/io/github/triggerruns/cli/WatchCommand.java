package io.github.triggerruns.cli;

import com.google.gson.JsonObject;
import io.github.triggerruns.RealtimeRun;
import io.github.triggerruns.Run;
import io.github.triggerruns.RunEvent;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.RunStatus;
import io.github.triggerruns.Runs;
import io.github.triggerruns.SubscribeOptions;
import io.github.triggerruns.WatchOptions;
import java.io.PrintWriter;
import io.reactivex.rxjava3.core.Observable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code trigger-runs watch}: one line per run change, live, until Ctrl-C or until every run finished. */
@Command(
    name = "watch",
    sortOptions = false,
    usageHelpAutoWidth = true,
    abbreviateSynopsis = true,
    description = {"Follow runs live: a line per change, until Ctrl-C or --until-finished.",
        "Each run gets CREATED when first seen, UPDATED when it changes, FINISHED when it ends.",
        "--run ID, --tag T (repeatable: a run must carry every tag; created within the last 24h) and --batch ID"
            + " alone use Trigger.dev's realtime API: changes are pushed within milliseconds and cost nothing of"
            + " the API rate limit (--run stops when the run finishes). Any other filter polls GET /api/v1/runs"
            + " every --interval instead (then --tag means any of the tags), watching runs created within"
            + " --lookback (default 1h) unless --period, --from, --to or --all-time is given. --verbose says"
            + " which."})
public final class WatchCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Mixin FilterOptions filter;

  @Option(names = "--run", paramLabel = "ID", description = "Follow this run (realtime) until it finishes.")
  @Nullable String run;

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
    String pollingReason = pollingReason();
    if (run != null && pollingReason != null) {
      throw new ParameterException(spec.commandLine(), "--run follows one run and takes no filter; remove "
          + pollingReason + ".");
    }
    if (pollingReason == null) {
      return realtime(out, err);
    }
    if (top.verbose) {
      err.println("watch: polling GET /api/v1/runs every " + interval.toMillis() + " ms (" + pollingReason
          + " cannot be expressed in realtime)");
      err.flush();
    }
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

  /** The first flag that needs polling, or null when the watch is --run, --tag or --batch alone (realtime). */
  private @Nullable String pollingReason() {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (String name : List.of("--status", "--task", "--version", "--queue", "--machine", "--region", "--schedule",
        "--bulk-action", "--test", "--no-test", "--period", "--from", "--to", "--all-time", "--lookback",
        "--interval")) {
      if (parsed.hasMatchedOption(name)) {
        return name;
      }
    }
    boolean realtime = run != null || filter.batch != null || !filter.tags.isEmpty();
    if (!realtime) {
      return "a watch of every run";
    }
    if (filter.batch != null && !filter.tags.isEmpty()) {
      return "--tag with --batch";
    }
    if (run != null && (filter.batch != null || !filter.tags.isEmpty())) {
      return filter.batch != null ? "--batch" : "--tag";
    }
    return null;
  }

  private Integer realtime(PrintWriter out, PrintWriter err) {
    Sandbox.Activity activity = new Sandbox.Activity(Duration.ofMillis(500), untilFinished ? 3 : Integer.MAX_VALUE);
    try (ClientFactory.Connection connection = ClientFactory.connect(top, err, activity)) {
      Runs runs = connection.client().runs();
      Observable<RealtimeRun> feed;
      String how;
      if (run != null) {
        feed = runs.subscribeToRun(run);
        how = "subscribeToRun " + run;
      } else if (filter.batch != null) {
        feed = runs.subscribeToBatch(filter.batch);
        how = "subscribeToBatch " + filter.batch;
      } else {
        feed = runs.subscribeToRunsWithTag(filter.tags, SubscribeOptions.defaults());
        how = "subscribeToRunsWithTag " + String.join(" and ", filter.tags);
      }
      if (top.verbose) {
        err.println("watch: realtime (" + how + "): changes are pushed, no API rate limit spent");
        err.flush();
      }
      Map<String, RunStatus> seen = new HashMap<>();
      boolean color = top.terminal().color();
      feed.takeUntil(changed -> untilFinished && !seen.isEmpty() && allFinished(seen))
          .blockingForEach(changed -> {
            RunStatus previous = seen.put(changed.getId(), changed.getStatus());
            List<String> types = new ArrayList<>();
            if (previous == null) {
              types.add("CREATED");
            }
            if (changed.isFinished() && (previous == null || !previous.isTerminal())) {
              types.add("FINISHED");
            } else if (previous != null) {
              types.add("UPDATED");
            }
            for (String type : types) {
              String prior = previous == null || type.equals("CREATED") ? null : previous.getValue();
              out.print((ndjson ? json(type, prior, changed)
                  : line(changed.getUpdatedAt(), type, changed.getId(), prior, changed.getStatus().getValue(),
                      changed.getTaskIdentifier(), color)) + "\n");
            }
            out.flush();
          });
    }
    return ExitCodes.OK;
  }

  private static boolean allFinished(Map<String, RunStatus> seen) {
    return seen.values().stream().allMatch(RunStatus::isTerminal);
  }

  private static String json(String type, @Nullable String previousStatus, RealtimeRun run) {
    JsonObject o = new JsonObject();
    o.addProperty("type", type);
    if (previousStatus != null) {
      o.addProperty("previousStatus", previousStatus);
    }
    JsonObject r = new JsonObject();
    r.addProperty("id", run.getId());
    r.addProperty("status", run.getStatus().getValue());
    JsonObject columns = new JsonObject();
    run.getColumns().forEach(columns::addProperty);
    r.add("columns", columns);
    o.add("run", r);
    return RunJson.GSON.toJson(o);
  }

  /** {@code 2025-07-20T10:00:13Z  UPDATED   run_...  QUEUED -> EXECUTING  send-email}; time is the run's updatedAt. */
  static String line(RunEvent event, boolean color) {
    Run run = event.getRun();
    String previous = event.getPreviousStatus() == null || event.getType() == RunEvent.Type.CREATED
        ? null : event.getPreviousStatus().getValue();
    return line(run.getUpdatedAt(), event.getType().name(), run.getId(), previous, run.getStatus().getValue(),
        run.getTaskIdentifier(), color);
  }

  private static String line(@Nullable Instant updatedAt, String type, String id, @Nullable String previous,
      String status, @Nullable String task, boolean color) {
    String change = previous == null ? status : previous + " -> " + status;
    String padded = String.format("%-30s", change);
    if (color) {
      // Colour only the new status, keeping the padding outside the escape codes.
      int at = padded.lastIndexOf(status);
      padded = padded.substring(0, at) + RunTable.Ansi.status(status, status) + padded.substring(at + status.length());
    }
    return String.format("%s  %-8s  %s  %s  %s", updatedAt == null ? "-" : RunTable.created(updatedAt), type, id,
        padded, task);
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
