package io.github.triggerruns.cli;

import io.github.triggerruns.Run;
import io.github.triggerruns.RunFilter;
import io.github.triggerruns.TriggerRuns;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code trigger-runs cancel RUN_ID...}, or every run the list filters match. */
@Command(name = "cancel", sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
    description = {"Cancel runs: the given ids, or every run the filters match (listed first).",
        "Says how many, asks on a terminal (--yes to skip; required when not on a terminal), goes on past"
            + " failures and reports them; exit code of the first failure. A finished run is left as it is."})
public final class CancelCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(paramLabel = "RUN_ID", arity = "0..*", description = "Runs to cancel (run_...).")
  List<String> runIds = new ArrayList<>();

  @Mixin FilterOptions filter;

  @Mixin ConfirmOptions confirm;

  @ParentCommand TriggerRunsCommand top;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    RunFilter runFilter = filter.toFilter();
    boolean filtered = !runFilter.equals(RunFilter.defaults());
    if (runIds.isEmpty() == !filtered) {
      throw new ParameterException(spec.commandLine(), runIds.isEmpty()
          ? "Give the runs to cancel: RUN_ID... or list filters (e.g. --status QUEUED,DELAYED --task send-email)."
          : "Give either RUN_IDs or list filters, not both.");
    }
    try (ClientFactory.Connection connection = ClientFactory.connect(top, err, null)) {
      TriggerRuns client = connection.client();
      List<String> ids = runIds;
      if (filtered) {
        FilterOptions.hintIfDefaultWindow(runFilter, err);
        ids = new ArrayList<>();
        for (Run run : client.runs().iterate(runFilter, io.github.triggerruns.PageRequest.ofSize(100))) {
          ids.add(run.getId());
        }
      }
      return RunBatch.run(ids, "cancel", confirm, top.terminal(), spec.commandLine().getOut(), err, id -> {
        client.runs().cancel(id);
        return id;
      });
    }
  }
}
