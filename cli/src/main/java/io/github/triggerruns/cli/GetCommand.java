package io.github.triggerruns.cli;

import io.github.triggerruns.RunDetails;
import io.github.triggerruns.RunError;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code trigger-runs get RUN_ID}: one run's details, readable or as the API's JSON. */
@Command(name = "get", sortOptions = false, usageHelpAutoWidth = true,
    description = "Show one run: status, times, payload, output, error, schedule, related runs.")
public final class GetCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(paramLabel = "RUN_ID", description = "The run's id (run_...).")
  String runId;

  @Option(names = "--json", description = "The details as the API sent them, every field.")
  boolean json;

  @ParentCommand TriggerRunsCommand top;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (ClientFactory.Connection connection = ClientFactory.connect(top, spec.commandLine().getErr(), null)) {
      RunDetails run = connection.client().runs().retrieve(runId);
      if (json) {
        out.println(RunJson.GSON.toJson(run.toJson()));
      } else {
        print(run, out);
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static void print(RunDetails run, PrintWriter out) {
    line(out, "id", run.getId());
    line(out, "status", run.getStatus().getValue());
    line(out, "task", run.getTaskIdentifier());
    line(out, "version", run.getVersion());
    line(out, "created", run.getCreatedAt());
    line(out, "started", run.getStartedAt());
    line(out, "finished", run.getFinishedAt());
    line(out, "delayed until", run.getDelayedUntil());
    line(out, "tags", run.getTags().isEmpty() ? null : String.join(", ", run.getTags()));
    line(out, "duration ms", run.getDurationMs());
    line(out, "cost cents", run.getCostInCents());
    line(out, "attempts", run.getAttemptCount());
    line(out, "batch", run.getBatchId());
    line(out, "schedule", run.getSchedule() == null ? null
        : run.getSchedule().getId() + " (" + run.getSchedule().getExpression() + ")");
    line(out, "parent", run.getParentRun() == null ? null : run.getParentRun().getId());
    line(out, "children", run.getChildRuns().isEmpty() ? null : run.getChildRuns().size());
    line(out, "metadata", run.getMetadata() == null ? null : RunJson.GSON.toJson(run.getMetadata()));
    line(out, "payload", run.getPayload() != null ? RunJson.GSON.toJson(run.getPayload()) : run.getPayloadPresignedUrl());
    line(out, "output", run.getOutput() != null ? RunJson.GSON.toJson(run.getOutput()) : run.getOutputPresignedUrl());
    RunError error = run.getError();
    line(out, "error", error);
    if (error != null && error.getStackTrace() != null) {
      out.println(error.getStackTrace());
    }
  }

  private static void line(PrintWriter out, String name, @Nullable Object value) {
    if (value != null) {
      out.printf("%-14s %s%n", name + ":", value instanceof Instant ? value.toString() : value);
    }
  }
}
