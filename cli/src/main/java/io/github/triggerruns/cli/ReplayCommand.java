package io.github.triggerruns.cli;

import io.github.triggerruns.TriggerRuns;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code trigger-runs replay RUN_ID...}: a new run for each, printed as {@code old -> new}. */
@Command(name = "replay", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Replay runs: each makes a new run with the same task and payload; prints old -> new.",
        "Asks on a terminal (--yes to skip; required when not on a terminal). A replay is never re-sent once it"
            + " may have reached the server: after a timeout or 5xx, check with 'list' before replaying again."})
public final class ReplayCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(paramLabel = "RUN_ID", arity = "1..*", description = "Runs to replay (run_...).")
  List<String> runIds;

  @Mixin ConfirmOptions confirm;

  @ParentCommand TriggerRunsCommand top;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try (ClientFactory.Connection connection = ClientFactory.connect(top, err, null)) {
      TriggerRuns client = connection.client();
      return RunBatch.run(runIds, "replay", confirm, top.terminal(), spec.commandLine().getOut(), err,
          id -> id + " -> " + client.runs().replay(id));
    }
  }
}
